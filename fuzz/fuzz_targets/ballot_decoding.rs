//! Any request body, handled as the server handles a cast or changed ballot: JSON into the
//! shared wire type, the code's form checked, the marks taken out and validated against fixed
//! rounds (one or more per ballot kind). Nothing may panic; a ballot the validator accepts keeps
//! every limit of its round, survives the JSON the server stores it as, and goes into the
//! round's Pabulib export and reads back the same.
#![no_main]

use std::collections::BTreeSet;
use std::sync::LazyLock;

use cairn_shared::api::{
    BallotBody, CastBallot, ChangeBallot, District, Feasibility, Organisation, Project,
    RoundDetail, Timeline,
};
use cairn_shared::ballot::{BallotContext, BallotMarks, BallotRules, CandidateProject, CostLimit};
use cairn_shared::code::{VotingCode, normalise_receipt};
use cairn_shared::money::Money;
use cairn_shared::pabulib::{self, BallotInput, Election, VoteType};
use cairn_shared::rational::Rational;
use cairn_shared::round::Phase;
use libfuzzer_sys::fuzz_target;

fn project(
    id: &str,
    district: &str,
    pounds: i64,
    feasibility: Feasibility,
    withdrawn: bool,
) -> Project {
    Project {
        id: id.into(),
        district: district.into(),
        category: None,
        title: format!("Project {id}"),
        summary: String::new(),
        description: String::new(),
        cost: Money::from_major(pounds),
        image_url: None,
        location: None,
        feasibility,
        feasibility_reason: None,
        withdrawn,
    }
}

fn round(ballot: BallotRules) -> RoundDetail {
    use Feasibility::*;
    RoundDetail {
        id: "r".into(),
        organisation: Organisation {
            id: "o".into(),
            name: "Council".into(),
        },
        title: "Round".into(),
        summary: String::new(),
        description: String::new(),
        phase: Phase::Voting,
        currency: "GBP".into(),
        budget: Money::from_major(1500),
        timeline: Timeline::default(),
        ballot,
        rule: "greedy".into(),
        tie_break: "lexico".into(),
        live_results_public: true,
        revote_allowed: true,
        districts: vec![
            District {
                id: "north".into(),
                name: "North".into(),
                budget: Money::from_major(1000),
            },
            District {
                id: "south".into(),
                name: "South".into(),
                budget: Money::from_minor(50_050),
            },
        ],
        categories: vec![],
        projects: vec![
            project("1", "north", 400, Feasible, false),
            project("2", "north", 300, Feasible, false),
            project("10", "north", 250, Feasible, false),
            project("a b", "north", 100, Feasible, false),
            project("x", "north", 50, NotFeasible, false),
            project("w", "north", 20, Feasible, true),
            project("p", "north", 20, Pending, false),
            project("3", "south", 500, Feasible, false),
            project("ü", "south", 1, Feasible, false),
        ],
    }
}

static ROUNDS: LazyLock<Vec<RoundDetail>> = LazyLock::new(|| {
    vec![
        round(BallotRules::Approval {
            min_length: 1,
            max_length: Some(3),
            cost_limit: Some(CostLimit::DistrictBudget),
            min_spend_percent: Some(10),
        }),
        round(BallotRules::Approval {
            min_length: 0,
            max_length: None,
            cost_limit: Some(CostLimit::Amount(Money::from_major(700))),
            min_spend_percent: None,
        }),
        round(BallotRules::Cumulative {
            max_sum_points: 10,
            max_points: 6,
            min_points: 2,
        }),
        round(BallotRules::Ordinal {
            min_length: 1,
            max_length: 3,
        }),
    ]
});

/// The rules read directly, to hold an accepted ballot to.
fn keeps_the_rules(
    rules: &BallotRules,
    budget: Money,
    candidates: &[CandidateProject],
    marks: &BallotMarks,
) -> bool {
    let ids = marks.project_ids();
    let found: Option<Vec<&CandidateProject>> = ids
        .iter()
        .map(|id| candidates.iter().find(|p| p.id == *id))
        .collect();
    let Some(found) = found else { return false };
    let distinct = ids.iter().collect::<BTreeSet<_>>().len() == ids.len();
    let cost: i128 = found.iter().map(|p| i128::from(p.cost.minor())).sum();
    let n = ids.len() as u64;
    let basics = distinct && found.iter().all(|p| p.eligible);
    basics
        && match (rules, marks) {
            (
                BallotRules::Approval {
                    min_length,
                    max_length,
                    cost_limit,
                    min_spend_percent,
                },
                BallotMarks::Approvals(_),
            ) => {
                let limit = cost_limit.map(|l| match l {
                    CostLimit::DistrictBudget => budget,
                    CostLimit::Amount(a) => a,
                });
                n >= u64::from(*min_length)
                    && max_length.is_none_or(|m| n <= u64::from(m))
                    && limit.is_none_or(|l| cost <= i128::from(l.minor()))
                    && min_spend_percent.is_none_or(|p| {
                        cost * 100 >= i128::from(limit.unwrap_or(budget).minor()) * i128::from(p)
                    })
            }
            (
                BallotRules::Cumulative {
                    max_sum_points,
                    max_points,
                    min_points,
                },
                BallotMarks::Points(points),
            ) => {
                let total: u64 = points.values().map(|&p| u64::from(p)).sum();
                points.values().all(|&p| p > 0 && p <= *max_points)
                    && total <= u64::from(*max_sum_points)
                    && total >= u64::from(*min_points)
            }
            (
                BallotRules::Ordinal {
                    min_length,
                    max_length,
                },
                BallotMarks::Ranking(_),
            ) => n >= u64::from(*min_length) && n <= u64::from(*max_length),
            _ => false,
        }
}

/// What publication does with an accepted ballot: one voter of the district's Pabulib file.
fn export_and_read_back(round: &RoundDetail, district: &District, marks: &BallotMarks) {
    let vote_type = match round.ballot {
        BallotRules::Approval { .. } => VoteType::Approval,
        BallotRules::Cumulative { .. } => VoteType::Cumulative,
        BallotRules::Ordinal { .. } => VoteType::Ordinal,
    };
    let mut builder = Election::builder(Rational::from(district.budget), vote_type);
    for p in round
        .projects
        .iter()
        .filter(|p| p.district == district.id && p.on_ballot())
    {
        builder
            .project(&p.id, p.cost, [("name", p.title.as_str())])
            .expect("a project of a fixed round");
    }
    let input = BallotInput::from(marks.clone());
    builder
        .voter("1", input, [("voting_method", "online")])
        .expect("an accepted ballot goes into the export");
    let election = builder.build();
    let back = pabulib::parse(&pabulib::write(&election)).expect("the export reads back");
    assert_eq!(back, election);
    let voter = &back.voters()[0];
    let ids: Vec<&str> = back.ballot_ids(voter.ballot()).collect();
    assert_eq!(ids, marks.project_ids());
    if let BallotMarks::Points(points) = marks {
        let expected: Vec<Rational> = points
            .values()
            .map(|&p| Rational::from(u64::from(p)))
            .collect();
        assert_eq!(voter.ballot().points(), expected.as_slice());
    }
}

fn submit(round: &RoundDetail, body: &BallotBody) {
    let Some(marks) = body.marks() else { return };
    let Some(district) = round.districts.iter().find(|d| d.id == body.district) else {
        return;
    };
    let candidates = round.candidates(&district.id);
    let context = BallotContext {
        rules: &round.ballot,
        district_budget: district.budget,
        projects: &candidates,
    };
    // The browser's live feedback runs on the same marks.
    let _ = context.summarise(&marks);
    for id in marks.project_ids().into_iter().take(16) {
        let _ = context.why_not_add(&marks, id);
    }
    match context.validate(marks.clone()) {
        Ok(valid) => {
            assert_eq!(valid.marks(), &marks);
            assert!(
                keeps_the_rules(&round.ballot, district.budget, &candidates, &marks),
                "accepted a ballot that breaks the rules: {marks:?}"
            );
            let stored = serde_json::to_string(valid.marks()).expect("marks serialise");
            let read: BallotMarks = serde_json::from_str(&stored).expect("stored marks read back");
            assert_eq!(read, marks);
            export_and_read_back(round, district, &marks);
        }
        Err(violations) => assert!(!violations.is_empty(), "refused without a reason"),
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(request) = serde_json::from_slice::<CastBallot>(data) {
        let _ = VotingCode::parse(&request.code);
        for round in ROUNDS.iter() {
            submit(round, &request.ballot);
        }
    }
    if let Ok(request) = serde_json::from_slice::<ChangeBallot>(data) {
        let _ = VotingCode::parse(&request.code);
        let _ = normalise_receipt(&request.receipt);
        for round in ROUNDS.iter() {
            submit(round, &request.ballot);
        }
    }
});
