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
