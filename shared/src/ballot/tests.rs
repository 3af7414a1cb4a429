use proptest::prelude::*;

use super::*;

fn projects() -> Vec<CandidateProject> {
    let p = |id: &str, pounds: i64, eligible: bool| CandidateProject {
        id: id.into(),
        cost: Money::from_major(pounds),
        eligible,
    };
    vec![
        p("1", 400, true),
        p("2", 300, true),
        p("3", 200, true),
        p("4", 100, false),
        p("10", 500, true),
    ]
}

fn approval(
    min: u32,
    max: Option<u32>,
    limit: Option<CostLimit>,
    spend: Option<u8>,
) -> BallotRules {
    BallotRules::Approval {
        min_length: min,
        max_length: max,
        cost_limit: limit,
        min_spend_percent: spend,
    }
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn keys(result: Result<ValidBallot, Vec<Violation>>) -> Vec<String> {
    match result {
        Ok(_) => vec![],
        Err(v) => v.into_iter().map(|v| v.key).collect(),
    }
}

#[test]
fn approval_limits_are_each_reported() {
    let rules = approval(1, Some(2), Some(CostLimit::DistrictBudget), None);
    let projects = projects();
    let ctx = BallotContext {
        rules: &rules,
        district_budget: Money::from_major(800),
        projects: &projects,
    };
    let check = |list: &[&str]| keys(ctx.validate(BallotMarks::Approvals(ids(list))));
    assert_eq!(check(&["1", "2"]), Vec::<String>::new());
    assert_eq!(check(&[]), ["too-few-projects"]);
    assert_eq!(
        check(&["1", "2", "3"]),
        ["too-many-projects", "over-budget"]
    );
    assert_eq!(check(&["1", "10"]), ["over-budget"]);
    assert_eq!(check(&["4"]), ["project-not-eligible"]);
    assert_eq!(check(&["99"]), ["project-unknown"]);
    assert_eq!(check(&["1", "1"]), ["project-repeated"]);
}

#[test]
fn minimum_spend_compares_exactly() {
    let rules = approval(
        0,
        None,
        Some(CostLimit::Amount(Money::from_major(1000))),
        Some(50),
    );
    let projects = projects();
    let ctx = BallotContext {
        rules: &rules,
        district_budget: Money::from_major(800),
        projects: &projects,
    };
    assert_eq!(
        keys(ctx.validate(BallotMarks::Approvals(ids(&["10"])))),
        Vec::<String>::new()
    );
    let err = ctx
        .validate(BallotMarks::Approvals(ids(&["1"])))
        .unwrap_err();
    assert_eq!(err[0].key, "under-min-spend");
    assert_eq!(err[0].params["needed"], "500");
}

#[test]
fn cumulative_points_limits() {
    let rules = BallotRules::Cumulative {
        max_sum_points: 10,
        max_points: 5,
        min_points: 3,
    };
    let projects = projects();
    let ctx = BallotContext {
        rules: &rules,
        district_budget: Money::from_major(800),
        projects: &projects,
    };
    let check = |pairs: &[(&str, u32)]| {
        keys(ctx.validate(BallotMarks::Points(
            pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        )))
    };
    assert_eq!(check(&[("1", 5), ("2", 5)]), Vec::<String>::new());
    assert_eq!(
        check(&[("1", 6), ("2", 5)]),
        ["too-many-points-on-project", "too-many-points"]
    );
    assert_eq!(check(&[("1", 2)]), ["too-few-points"]);
    assert_eq!(check(&[("1", 0), ("2", 3)]), ["zero-points"]);
}

#[test]
fn ordinal_length_and_type_mismatch() {
    let rules = BallotRules::Ordinal {
        min_length: 2,
        max_length: 3,
    };
    let projects = projects();
    let ctx = BallotContext {
        rules: &rules,
        district_budget: Money::from_major(800),
        projects: &projects,
    };
    assert!(ctx.validate(BallotMarks::Ranking(ids(&["3", "1"]))).is_ok());
    assert_eq!(
        keys(ctx.validate(BallotMarks::Ranking(ids(&["3"])))),
        ["too-few-projects"]
    );
    assert_eq!(
        keys(ctx.validate(BallotMarks::Approvals(ids(&["3", "1"])))),
        ["wrong-ballot-type"]
    );
}

#[test]
fn why_not_add_explains_the_first_obstacle() {
    let rules = approval(0, Some(2), Some(CostLimit::DistrictBudget), None);
    let projects = projects();
    let ctx = BallotContext {
        rules: &rules,
        district_budget: Money::from_major(800),
        projects: &projects,
    };
    let marks = BallotMarks::Approvals(ids(&["1"]));
    assert_eq!(ctx.why_not_add(&marks, "2"), None);
    let why = ctx.why_not_add(&marks, "10").unwrap();
    assert_eq!(
        (why.key.as_str(), why.params["left"].as_str()),
        ("over-budget-to-add", "400")
    );
    assert_eq!(
        ctx.why_not_add(&marks, "1").unwrap().key,
        "project-repeated"
    );
    assert_eq!(
        ctx.why_not_add(&BallotMarks::Approvals(ids(&["1", "3"])), "2")
            .unwrap()
            .key,
        "too-many-projects"
    );
}

#[test]
fn contradictory_rules_are_caught() {
    assert!(
        approval(3, Some(2), None, None)
            .check()
            .iter()
            .any(|v| v.key == "rules-min-above-max")
    );
    assert!(
        approval(0, None, None, Some(101))
            .check()
            .iter()
            .any(|v| v.key == "rules-percent-out-of-range")
    );
    assert!(
        BallotRules::Ordinal {
            min_length: 1,
            max_length: 3
        }
        .check()
        .is_empty()
    );
}

#[test]
fn rules_serialise_with_a_type_tag() {
    let rules = approval(
        1,
        Some(3),
        Some(CostLimit::Amount(Money::from_major(5))),
        None,
    );
    let json = serde_json::to_value(&rules).unwrap();
    assert_eq!(json["type"], "approval");
    assert_eq!(json["cost_limit"]["amount"], 500);
    assert_eq!(serde_json::from_value::<BallotRules>(json).unwrap(), rules);
}

proptest! {
    /// The validator accepts exactly the approval ballots that a direct reading of the limits accepts.
    #[test]
    fn approval_validation_matches_the_limits(
        picks in proptest::collection::vec(0usize..5, 0..7),
        min in 0u32..4, max in proptest::option::of(1u32..5), budget in 0i64..1500, spend in proptest::option::of(0u8..=100),
    ) {
        let projects = projects();
        let rules = approval(min, max, Some(CostLimit::DistrictBudget), spend);
        let ctx = BallotContext { rules: &rules, district_budget: Money::from_major(budget), projects: &projects };
        let chosen: Vec<String> = picks.iter().map(|&i| projects[i].id.clone()).collect();
        let distinct = chosen.iter().collect::<BTreeSet<_>>().len() == chosen.len();
        let eligible = picks.iter().all(|&i| projects[i].eligible);
        let cost: i64 = picks.iter().map(|&i| projects[i].cost.minor()).sum();
        let n = chosen.len() as u32;
        let expected = distinct && eligible && n >= min && max.is_none_or(|m| n <= m) && cost <= budget * 100
            && spend.is_none_or(|p| cost * 100 >= budget * 100 * i64::from(p));
        prop_assert_eq!(ctx.validate(BallotMarks::Approvals(chosen)).is_ok(), expected);
    }

    #[test]
    fn cumulative_validation_matches_the_limits(
        points in proptest::collection::btree_map(prop_oneof![Just("1"), Just("2"), Just("3")], 0u32..8, 0..4),
        max_sum in 1u32..15, max_points in 1u32..8, min_points in 0u32..10,
    ) {
        let projects = projects();
        let rules = BallotRules::Cumulative { max_sum_points: max_sum, max_points, min_points };
        let ctx = BallotContext { rules: &rules, district_budget: Money::from_major(800), projects: &projects };
        let total: u32 = points.values().sum();
        let expected = points.values().all(|&p| p > 0 && p <= max_points) && total <= max_sum && total >= min_points;
        let marks = BallotMarks::Points(points.into_iter().map(|(k, v)| (k.to_string(), v)).collect());
        prop_assert_eq!(ctx.validate(marks).is_ok(), expected);
    }
}
