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

/// Ids the generated ballots draw from: some are candidates, some are not.
const POOL: [&str; 6] = ["1", "2", "3", "10", "a", "gone"];

fn candidates() -> impl Strategy<Value = Vec<CandidateProject>> {
    // Costs reach i64::MAX so that sums of a few of them overflow 64 bits.
    let cost = prop_oneof![0i64..2_000, 0i64..=i64::MAX];
    proptest::collection::vec((cost, proptest::bool::weighted(0.8)), 5).prop_map(|specs| {
        POOL.iter()
            .take(5)
            .zip(specs)
            .map(|(id, (cost, eligible))| CandidateProject {
                id: (*id).into(),
                cost: Money::from_minor(cost),
                eligible,
            })
            .collect()
    })
}

fn any_rules() -> impl Strategy<Value = BallotRules> {
    let amount = prop_oneof![0i64..3_000, 0i64..=i64::MAX].prop_map(Money::from_minor);
    let limit = proptest::option::of(prop_oneof![
        Just(CostLimit::DistrictBudget),
        amount.prop_map(CostLimit::Amount),
    ]);
    prop_oneof![
        (
            0u32..5,
            proptest::option::of(0u32..6),
            limit,
            proptest::option::of(0u8..=120)
        )
            .prop_map(|(min_length, max_length, cost_limit, min_spend_percent)| {
                BallotRules::Approval {
                    min_length,
                    max_length,
                    cost_limit,
                    min_spend_percent,
                }
            }),
        (0u32..20, 0u32..10, 0u32..20).prop_map(|(max_sum_points, max_points, min_points)| {
            BallotRules::Cumulative {
                max_sum_points,
                max_points,
                min_points,
            }
        }),
        (0u32..5, 0u32..6).prop_map(|(min_length, max_length)| BallotRules::Ordinal {
            min_length,
            max_length
        }),
    ]
}

fn any_marks() -> impl Strategy<Value = BallotMarks> {
    let id = proptest::sample::select(POOL.to_vec()).prop_map(String::from);
    let list = proptest::collection::vec(id.clone(), 0..7);
    let points = prop_oneof![0u32..8, Just(u32::MAX)];
    prop_oneof![
        list.clone().prop_map(BallotMarks::Approvals),
        proptest::collection::btree_map(id, points, 0..6).prop_map(BallotMarks::Points),
        list.prop_map(BallotMarks::Ranking),
    ]
}

/// The rule keys a ballot breaks, read straight from the limits with arithmetic that cannot
/// overflow: the oracle `validate` is held to.
fn broken_rules(ctx: &BallotContext<'_>, marks: &BallotMarks) -> BTreeSet<&'static str> {
    let mut broken = BTreeSet::new();
    if marks.kind() != ctx.rules.kind() {
        broken.insert("wrong-ballot-type");
        return broken;
    }
    let ids = marks.project_ids();
    let found = |id: &str| ctx.projects.iter().find(|p| p.id == id);
    for (at, id) in ids.iter().enumerate() {
        match found(id) {
            None => broken.insert("project-unknown"),
            Some(p) if !p.eligible => broken.insert("project-not-eligible"),
            Some(_) => false,
        };
        if ids[..at].contains(id) {
            broken.insert("project-repeated");
        }
    }
    let n = ids.len() as u64;
    let cost: i128 = ids
        .iter()
        .filter_map(|id| found(id))
        .map(|p| i128::from(p.cost.minor()))
        .sum();
    let mut lengths = |min: u32, max: Option<u32>| {
        if n < u64::from(min) {
            broken.insert("too-few-projects");
        }
        if max.is_some_and(|max| n > u64::from(max)) {
            broken.insert("too-many-projects");
        }
    };
    match (ctx.rules, marks) {
        (
            BallotRules::Approval {
                min_length,
                max_length,
                cost_limit,
                min_spend_percent,
            },
            _,
        ) => {
            lengths(*min_length, *max_length);
            let limit = cost_limit.map(|l| match l {
                CostLimit::DistrictBudget => ctx.district_budget,
                CostLimit::Amount(amount) => amount,
            });
            if limit.is_some_and(|l| cost > i128::from(l.minor())) {
                broken.insert("over-budget");
            }
            let base = i128::from(limit.unwrap_or(ctx.district_budget).minor());
            if min_spend_percent.is_some_and(|p| cost * 100 < base * i128::from(p)) {
                broken.insert("under-min-spend");
            }
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
            if points.values().any(|&p| p == 0) {
                broken.insert("zero-points");
            }
            if points.values().any(|p| p > max_points) {
                broken.insert("too-many-points-on-project");
            }
            if total > u64::from(*max_sum_points) {
                broken.insert("too-many-points");
            }
            if total < u64::from(*min_points) {
                broken.insert("too-few-points");
            }
        }
        (
            BallotRules::Ordinal {
                min_length,
                max_length,
            },
            _,
        ) => {
            lengths(*min_length, Some(*max_length));
        }
        (BallotRules::Cumulative { .. }, _) => unreachable!("kinds differ"),
    }
    broken
}

#[test]
fn costs_that_overflow_64_bits_are_still_over_budget() {
    let projects = vec![
        CandidateProject {
            id: "1".into(),
            cost: Money::from_minor(i64::MAX),
            eligible: true,
        },
        CandidateProject {
            id: "2".into(),
            cost: Money::from_minor(i64::MAX),
            eligible: true,
        },
    ];
    let rules = approval(0, None, Some(CostLimit::DistrictBudget), Some(100));
    let ctx = BallotContext {
        rules: &rules,
        district_budget: Money::from_minor(i64::MAX),
        projects: &projects,
    };
    let both = BallotMarks::Approvals(ids(&["1", "2"]));
    assert_eq!(keys(ctx.validate(both.clone())), ["over-budget"]);
    assert_eq!(ctx.summarise(&both).cost, Money::from_minor(i64::MAX));
    let one = BallotMarks::Approvals(ids(&["1"]));
    assert!(ctx.validate(one.clone()).is_ok());
    assert_eq!(
        ctx.why_not_add(&one, "2").map(|v| v.key),
        Some("over-budget-to-add".into())
    );
    let negative = approval(
        0,
        None,
        Some(CostLimit::Amount(Money::from_minor(i64::MIN))),
        None,
    );
    let ctx = BallotContext {
        rules: &negative,
        ..ctx
    };
    assert_eq!(
        ctx.why_not_add(&BallotMarks::Approvals(vec![]), "1")
            .map(|v| v.key),
        Some("over-budget-to-add".into())
    );
}

proptest! {
    /// Every kind of rules against every kind of marks, with costs up to `i64::MAX`: `validate`
    /// never panics, accepts exactly the ballots that keep every limit, and names each broken
    /// rule.
    #[test]
    fn validation_reports_exactly_the_broken_rules(
        projects in candidates(),
        rules in any_rules(),
        marks in any_marks(),
        budget in prop_oneof![0i64..3_000, 0i64..=i64::MAX],
    ) {
        let ctx = BallotContext { rules: &rules, district_budget: Money::from_minor(budget), projects: &projects };
        let expected = broken_rules(&ctx, &marks);
        let summary = ctx.summarise(&marks);
        prop_assert_eq!(summary.selected as usize, marks.project_ids().len());
        match ctx.validate(marks.clone()) {
            Ok(valid) => {
                prop_assert!(expected.is_empty(), "accepted, but breaks {:?}", expected);
                prop_assert_eq!(valid.into_marks(), marks);
            }
            Err(violations) => {
                let reported: BTreeSet<&str> = violations.iter().map(|v| v.key.as_str()).collect();
                prop_assert_eq!(reported, expected);
            }
        }
    }

    /// The reason a button is greyed out is the rule adding the project would break, and a
    /// project that may be added breaks none of the rules `why_not_add` looks at.
    #[test]
    fn why_not_add_agrees_with_validate(
        projects in candidates(),
        rules in any_rules(),
        picked in proptest::sample::subsequence(POOL.to_vec(), 0..=4),
        add in proptest::sample::select(POOL.to_vec()),
        budget in prop_oneof![0i64..3_000, 0i64..=i64::MAX],
    ) {
        // The greyed-out button is for approval and ranking ballots.
        let picked: Vec<String> = picked.into_iter().map(String::from).collect();
        let marks = match rules {
            BallotRules::Approval { .. } => BallotMarks::Approvals(picked),
            BallotRules::Ordinal { .. } => BallotMarks::Ranking(picked),
            BallotRules::Cumulative { .. } => return Ok(()),
        };
        let ctx = BallotContext { rules: &rules, district_budget: Money::from_minor(budget), projects: &projects };
        const ADDING: [&str; 5] = ["project-unknown", "project-not-eligible", "project-repeated", "too-many-projects", "over-budget"];
        let before = broken_rules(&ctx, &marks);
        prop_assume!(ADDING.iter().all(|k| !before.contains(k)));
        let mut added = marks.clone();
        match &mut added {
            BallotMarks::Approvals(list) | BallotMarks::Ranking(list) => list.push(add.to_owned()),
            BallotMarks::Points(_) => unreachable!(),
        }
        let after = broken_rules(&ctx, &added);
        match ctx.why_not_add(&marks, add) {
            None => prop_assert!(ADDING.iter().all(|k| !after.contains(k)), "{:?}", after),
            Some(why) => {
                let key = if why.key == "over-budget-to-add" { "over-budget" } else { why.key.as_str() };
                prop_assert!(after.contains(key), "{} but {:?}", why.key, after);
            }
        }
    }

    /// Officers are warned about exactly the rules that contradict themselves.
    #[test]
    fn rules_check_flags_exactly_the_contradictions(rules in any_rules()) {
        let contradictory = match rules {
            BallotRules::Approval { min_length, max_length, min_spend_percent, .. } => {
                max_length.is_some_and(|max| max == 0 || min_length > max)
                    || min_spend_percent.is_some_and(|p| p > 100)
            }
            BallotRules::Cumulative { max_sum_points, max_points, min_points } => {
                max_sum_points == 0 || max_points == 0 || min_points > max_sum_points
            }
            BallotRules::Ordinal { min_length, max_length } => max_length == 0 || min_length > max_length,
        };
        prop_assert_eq!(!rules.check().is_empty(), contradictory);
    }

    /// What the server stores and reads back: rules and marks survive JSON.
    #[test]
    fn rules_and_marks_survive_json(rules in any_rules(), marks in any_marks()) {
        let json = serde_json::to_string(&rules).unwrap();
        prop_assert_eq!(serde_json::from_str::<BallotRules>(&json).unwrap(), rules);
        let json = serde_json::to_string(&marks).unwrap();
        prop_assert_eq!(serde_json::from_str::<BallotMarks>(&json).unwrap(), marks);
    }

    /// Any JSON text as marks or rules: an error or a value, never a panic.
    #[test]
    fn decoding_arbitrary_json_never_panics(text in r#"[\[\]{}":,0-9a-z\- ]{0,40}"#) {
        let _ = serde_json::from_str::<BallotMarks>(&text);
        let _ = serde_json::from_str::<BallotRules>(&text);
    }
}
