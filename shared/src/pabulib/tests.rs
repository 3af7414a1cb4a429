use super::*;

const SMALL: &str = "\u{feff}meta\r\nkey;value\r\nbudget;1000,5\r\nvote_type;approval\r\nPROJECTS\r\nproject_id;cost;name\r\n1;500;\"Park; north\"\r\n2;600,25;none\r\n\r\nVotes\r\nvoter_id;vote;age\r\nv1;1,2;30\r\nv2;;none\r\n";

#[test]
fn reads_bom_crlf_any_case_decimal_commas_quotes_and_none() {
    let election = parse(SMALL).unwrap();
    assert_eq!(election.budget(), &Rational::parse("2001/2").unwrap());
    assert_eq!(election.vote_type(), VoteType::Approval);
    assert_eq!(election.projects()[0].field("name"), Some("Park; north"));
    assert_eq!(election.projects()[1].field("name"), None);
    assert_eq!(
        election.projects()[1].cost(),
        &Rational::parse("600.25").unwrap()
    );
    let v1 = &election.voters()[0];
    assert_eq!(
        election.ballot_ids(v1.ballot()).collect::<Vec<_>>(),
        ["1", "2"]
    );
    assert_eq!(election.voter_field(v1, "age"), Some("30"));
    assert!(election.voters()[1].ballot().is_empty());
    assert_eq!(election.voter_field(&election.voters()[1], "age"), None);
}

#[test]
fn writing_then_reading_gives_the_same_election() {
    let election = parse(SMALL).unwrap();
    assert_eq!(parse(&write(&election)).unwrap(), election);
}

#[test]
fn errors_name_the_line() {
    let bad = SMALL.replace("v1;1,2;30", "v1;1,7;30");
    let err = parse(&bad).unwrap_err();
    assert_eq!(err.line(), 12);
    assert!(err.to_string().starts_with("line 12: "), "{err}");
    assert!(err.to_string().contains("\"7\""), "{err}");

    let bad = SMALL.replace("2;600,25;none", "2;6x;none");
    assert_eq!(parse(&bad).unwrap_err().line(), 8);
    let bad = SMALL.replace("budget;1000,5", "budget;1,000,000");
    assert_eq!(parse(&bad).unwrap_err().line(), 3);
    let bad = SMALL.replace("vote_type;approval", "vote_type;ranked");
    assert_eq!(parse(&bad).unwrap_err().line(), 4);
    assert_eq!(parse("hello\n").unwrap_err().line(), 1);
}

/// Found by `any_built_election_round_trips`: each of these was written into a file that read
/// back as something else, or not at all.
#[test]
fn what_the_builder_takes_reads_back() {
    let mut b = Election::builder(Rational::from_integer(100), VoteType::Approval);
    for id in ["votes", " Meta", "PROJECTS"] {
        assert_eq!(
            b.project(id, Rational::from_integer(1), Vec::<(&str, &str)>::new())
                .unwrap_err(),
            BuildError::BadProjectId(id.trim().to_owned())
        );
    }
    b.meta("projects", "x").meta("", "").meta("a\rb", "y");
    b.project("1", Rational::from_integer(5), [("name\r\nlong", "z")])
        .unwrap();
    assert!(matches!(
        b.voter(
            "votes",
            BallotInput::Approvals(vec![]),
            Vec::<(&str, &str)>::new()
        ),
        Err(BuildError::BadVoterId(_))
    ));
    // An anonymous voter with an empty ballot and no other column still counts as a voter.
    b.voter(
        "",
        BallotInput::Approvals(vec![]),
        Vec::<(&str, &str)>::new(),
    )
    .unwrap();
    b.voter(" none ", BallotInput::Approvals(vec![]), [("age", "")])
        .unwrap();
    let election = b.build();
    assert_eq!(election.meta_value("a\nb"), Some("y"));
    assert_eq!(election.project_columns(), ["name\nlong"]);
    assert_eq!(election.voters().len(), 2);
    assert_eq!(parse(&write(&election)).unwrap(), election);
}

/// Found by the `pabulib_reader` fuzz target: a second `points` column of an ordinal file was
/// kept as an extra column, which the writer then put where the reader looks for points.
#[test]
fn points_columns_are_never_extra_columns() {
    let text = "META\nkey;value\nbudget;5\nvote_type;ordinal\nPROJECTS\nproject_id;cost\n1;2\nVOTES\npoints;vote;points;age\n7;1;8;30\n";
    let election = parse(text).unwrap();
    assert_eq!(election.voter_columns(), ["age"]);
    assert_eq!(parse(&write(&election)).unwrap(), election);
}

/// Found by the `pabulib_reader` fuzz target: `;;x` in META was kept as an empty key with an
/// empty value, which writes as a blank row.
#[test]
fn meta_rows_without_a_key_are_skipped() {
    let text =
        "META\nkey;value\n;;x\n;y\nbudget;5\nvote_type;approval\nPROJECTS\nproject_id;cost\n";
    let election = parse(text).unwrap();
    assert_eq!(election.meta().len(), 2);
    assert_eq!(parse(&write(&election)).unwrap(), election);
}

use proptest::prelude::*;

/// Cell text with everything a Pabulib writer must take care of: separators, quotes, every
/// line ending, padding, a BOM, and words the reader gives a meaning to.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z0-9 ;,\"\r\n\t'é\u{feff}/-]{0,6}",
        1 => proptest::sample::select(vec![
            "", "none", "NONE", " None ", "meta", "Projects", " VOTES ", "key", "value", "vote",
            "points", "cost", "project_id", "voter_id", "budget", "vote_type", "num_votes",
        ])
        .prop_map(String::from),
    ]
}

fn amount() -> impl Strategy<Value = Rational> {
    prop_oneof![
        (0i64..1_000_000, 1i64..1_000),
        (
            0i64..=i64::MAX,
            prop_oneof![Just(1i64), Just(100), Just(3), 1i64..=i64::MAX]
        ),
    ]
    .prop_map(|(n, d)| Rational::from_fraction(n, d).unwrap())
}

fn points() -> impl Strategy<Value = Rational> {
    (-50i64..50, 1i64..7).prop_map(|(n, d)| Rational::from_fraction(n, d).unwrap())
}

fn vote_type() -> impl Strategy<Value = VoteType> {
    proptest::sample::select(vec![
        VoteType::Approval,
        VoteType::Choose1,
        VoteType::Cumulative,
        VoteType::Scoring,
        VoteType::Ordinal,
    ])
}

type Fields = Vec<(String, String)>;

#[derive(Debug, Clone)]
struct Spec {
    vote_type: VoteType,
    budget: Rational,
    meta: Fields,
    projects: Vec<(String, Rational, Fields)>,
    voters: Vec<(String, Vec<usize>, Vec<Rational>, Fields)>,
}

fn spec() -> impl Strategy<Value = Spec> {
    let fields = || proptest::collection::vec((text(), text()), 0..3);
    (
        vote_type(),
        amount(),
        fields(),
        proptest::collection::vec((text(), amount(), fields()), 0..6),
        proptest::collection::vec(
            (
                text(),
                proptest::collection::vec(0usize..6, 0..5),
                proptest::collection::vec(points(), 5),
                fields(),
            ),
            0..6,
        ),
    )
        .prop_map(|(vote_type, budget, meta, projects, voters)| Spec {
            vote_type,
            budget,
            meta,
            projects,
            voters,
        })
}

/// An election built from `spec` the way the server builds its exports; what the builder
/// refuses is left out.
fn build(spec: &Spec) -> Election {
    let mut b = Election::builder(spec.budget.clone(), spec.vote_type);
    for (key, value) in &spec.meta {
        b.meta(key, value);
    }
    let mut ids = Vec::new();
    for (id, cost, fields) in &spec.projects {
        if b.project(id, cost.clone(), fields.clone()).is_ok() {
            ids.push(id.trim().to_owned());
        }
    }
    for (id, picks, points, fields) in &spec.voters {
        let mut chosen: Vec<String> = picks.iter().filter_map(|&p| ids.get(p).cloned()).collect();
        let ballot = match spec.vote_type {
            VoteType::Approval | VoteType::Choose1 => BallotInput::Approvals(chosen),
            VoteType::Ordinal => {
                chosen.dedup();
                let mut seen = std::collections::HashSet::new();
                chosen.retain(|id| seen.insert(id.clone()));
                BallotInput::Ranking(chosen)
            }
            VoteType::Cumulative | VoteType::Scoring => {
                let mut seen = std::collections::HashSet::new();
                chosen.retain(|id| seen.insert(id.clone()));
                let cumulative = spec.vote_type == VoteType::Cumulative;
                BallotInput::Points(
                    chosen
                        .into_iter()
                        .zip(points)
                        .map(|(id, p)| (id, if cumulative { p.abs() } else { p.clone() }))
                        .collect(),
                )
            }
        };
        match b.voter(id, ballot, fields.clone()) {
            Ok(_) | Err(BuildError::BadVoterId(_)) => {}
            Err(other) => panic!("a ballot of known projects was refused: {other}"),
        }
    }
    b.build()
}

/// Lines as the reader counts them: LF, CRLF and a lone CR each end one.
fn line_count(text: &str) -> usize {
    let bytes = text.as_bytes();
    1 + bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

/// What the reader must do with any text: an error naming one of its lines, or an election
/// that writes and reads back unchanged.
fn read_any(text: &str) -> Result<(), TestCaseError> {
    match parse(text) {
        Ok(election) => {
            let written = write(&election);
            let back = parse(&written);
            prop_assert_eq!(back.as_ref(), Ok(&election), "{}", written);
            prop_assert_eq!(write(&election), written);
        }
        Err(err) => prop_assert!(
            (1..=line_count(text)).contains(&err.line()),
            "{} is not a line of a {}-line text",
            err,
            line_count(text)
        ),
    }
    Ok(())
}

/// Snippets that change how a file reads when spliced into one.
const SPLICES: [&str; 16] = [
    ";", "\"", "\n", "\r", "\r\n", ",", "none", "META\n", "projects", "VOTES\n", "-", "/0",
    "e4096", "1,5", "\u{feff}", "",
];

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    /// Any election the builder makes, with awkward ids, keys, values, costs and points, is
    /// written and read back unchanged, and written again to the same text.
    #[test]
    fn any_built_election_round_trips(spec in spec()) {
        let election = build(&spec);
        let text = write(&election);
        let back = parse(&text);
        prop_assert_eq!(back.as_ref(), Ok(&election), "{}", text);
        prop_assert_eq!(write(&election), text);
    }

    /// A valid file with random edits: never a panic, errors name a line of the input, and
    /// whatever still reads round-trips.
    #[test]
    fn edited_files_read_or_name_a_line(
        spec in spec(),
        edits in proptest::collection::vec((any::<proptest::sample::Index>(), 0usize..SPLICES.len(), 0usize..3), 1..6),
    ) {
        let mut text = write(&build(&spec));
        for (at, splice, remove) in edits {
            let mut at = at.index(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + remove).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(at..end, SPLICES[splice]);
        }
        read_any(&text)?;
    }

    /// Any text at all.
    #[test]
    fn any_text_reads_or_names_a_line(text in any::<String>()) {
        read_any(&text)?;
        read_any(&format!("META\nkey;value\n{text}"))?;
    }
}
