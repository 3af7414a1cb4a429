//! `cairn serve --demo`: a believable council with a round open for voting, one finished and one
//! coming up, so a newcomer sees Cairn working at once. Seeded only into an empty database.

use anyhow::Context;
use cairn_shared::api::Feasibility;
use cairn_shared::ballot::{BallotRules, CostLimit};
use cairn_shared::round::Phase;
use chrono::{DateTime, Duration, SubsecRound, Utc};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, Set,
};

use cairn_shared::api::{AGE_BANDS, DeliveryStatus, NewDeliveryUpdate, NewOfficer, Role};
use cairn_shared::ballot::{BallotContext, BallotMarks};
use cairn_shared::code::receipt_from_random;
use sea_orm::{ColumnTrait, QueryFilter};

use crate::db::entities::{ballot, category, district, organisation, project, round};
use crate::services::audit::Actor;
use crate::services::rounds::feasibility_str;
use crate::services::{lifecycle, officers};

pub struct SeedReport {
    pub rounds: usize,
    /// The round open for voting, so the caller can issue codes for it.
    pub open_round: String,
}

/// How many voting codes a fresh demo hands out, printed once at start.
pub const DEMO_CODES: u32 = 5;

struct DemoProject {
    id: &'static str,
    district: &'static str,
    category: &'static str,
    title: &'static str,
    summary: &'static str,
    description: &'static str,
    cost_pounds: i64,
    location: &'static str,
    feasibility: Feasibility,
    reason: Option<&'static str>,
    withdrawn: bool,
}

// One row of demo data; a struct literal per project would bury the text in field names.
#[allow(clippy::too_many_arguments)]
const fn feasible(
    id: &'static str,
    district: &'static str,
    category: &'static str,
    title: &'static str,
    summary: &'static str,
    description: &'static str,
    cost_pounds: i64,
    location: &'static str,
) -> DemoProject {
    DemoProject {
        id,
        district,
        category,
        title,
        summary,
        description,
        cost_pounds,
        location,
        feasibility: Feasibility::Feasible,
        reason: None,
        withdrawn: false,
    }
}

const CATEGORIES: [(&str, &str); 4] = [
    ("green", "Parks and nature"),
    ("streets", "Streets and travel"),
    ("community", "Community and culture"),
    ("young", "Children and young people"),
];

fn open_round_projects() -> Vec<DemoProject> {
    vec![
        feasible(
            "1",
            "riverside",
            "green",
            "Riverside wildflower meadow",
            "Turn the mown verge along the Allan Water into a wildflower meadow.",
            "Seeding, plug planting and two years of care for 1.2 hectares of verge between the footbridge and the weir, with benches and an interpretation board made with Riverside Primary.",
            18_500,
            "Allan Water path, footbridge to weir",
        ),
        feasible(
            "2",
            "riverside",
            "streets",
            "Safer crossing at Mill Road",
            "A raised zebra crossing outside the health centre.",
            "A raised table and zebra crossing with dropped kerbs and tactile paving, so people using wheelchairs, buggies and walking frames can reach the health centre safely.",
            32_000,
            "Mill Road, outside the health centre",
        ),
        feasible(
            "3",
            "riverside",
            "young",
            "Riverside play park upgrade",
            "Accessible swings and a roundabout for the play park.",
            "Replace the worn equipment with an inclusive roundabout, a basket swing and rubber surfacing, chosen with the families who use the park.",
            27_400,
            "Riverside Park",
        ),
        feasible(
            "4",
            "riverside",
            "community",
            "Repair café tool library",
            "Tools anyone can borrow, and monthly repair sessions.",
            "Start-up kit for a tool library in the community hall: 120 tools, shelving, a lending system and a year of monthly repair café sessions run by volunteers.",
            6_800,
            "Riverside Community Hall",
        ),
        feasible(
            "5",
            "old-town",
            "community",
            "Old Town heritage trail",
            "Ten plaques and a free audio guide in English and Gaelic.",
            "Ten cast plaques on buildings chosen by the heritage society, with a free audio guide in English and Gaelic and a large-print map at the library.",
            14_200,
            "Old Town conservation area",
        ),
        feasible(
            "6",
            "old-town",
            "streets",
            "Covered cycle parking on the High Street",
            "Forty covered, secure cycle spaces.",
            "Four shelters with ten Sheffield stands each at both ends of the High Street, including two spaces sized for adapted cycles and cargo bikes.",
            22_600,
            "High Street",
        ),
        feasible(
            "7",
            "old-town",
            "green",
            "Community orchard at St Ninian's",
            "Plant 40 fruit trees that anyone can pick from.",
            "Heritage apple, pear and plum trees, a water butt and a shed for the volunteers who will look after them, on the unused glebe land behind St Ninian's.",
            9_750,
            "St Ninian's glebe",
        ),
        DemoProject {
            reason: Some(
                "The site is a scheduled monument: Historic Environment Scotland would not allow the foundations.",
            ),
            feasibility: Feasibility::NotFeasible,
            ..feasible(
                "8",
                "old-town",
                "community",
                "Outdoor stage in the castle grounds",
                "A permanent stage for summer events.",
                "A timber stage with a canopy and power for summer concerts and the gala.",
                45_000,
                "Castle grounds",
            )
        },
        feasible(
            "9",
            "old-town",
            "young",
            "After-school coding club",
            "Laptops and tutors for a free weekly coding club.",
            "Twelve laptops and a year of weekly sessions for ages 10 to 16 at the library, with places kept for young carers.",
            11_300,
            "Old Town Library",
        ),
        feasible(
            "10",
            "hillhead",
            "streets",
            "Hillhead bus shelter with seating",
            "A shelter with seats and real-time bus information.",
            "A glazed shelter with perch seats, a bench with arm rests and a real-time display at the busiest stop on Hillhead Road.",
            16_900,
            "Hillhead Road, stop 4",
        ),
        feasible(
            "11",
            "hillhead",
            "green",
            "Hillhead woodland path",
            "Resurface the muddy woodland path so it can be used all year.",
            "450 metres of compacted path with drainage, two resting benches and a gentler gradient at the steepest section.",
            24_800,
            "Hillhead Wood",
        ),
        feasible(
            "12",
            "hillhead",
            "community",
            "Warm space kitchen",
            "A kitchen for the community centre's warm space.",
            "Fit out the community centre kitchen so the warm space can serve hot lunches three days a week through the winter.",
            12_500,
            "Hillhead Community Centre",
        ),
        DemoProject {
            withdrawn: true,
            ..feasible(
                "13",
                "hillhead",
                "young",
                "Skate park extension",
                "Two new ramps at the skate park.",
                "Withdrawn by the proposer, who found funding elsewhere.",
                19_000,
                "Hillhead Park",
            )
        },
        feasible(
            "14",
            "hillhead",
            "young",
            "Youth shelter and lighting",
            "A sheltered place for teenagers to meet, with lighting.",
            "A youth shelter designed with the youth forum, with solar lighting and a phone-charging point, next to the sports pitches.",
            8_900,
            "Hillhead sports pitches",
        ),
    ]
}

fn past_round_projects() -> Vec<DemoProject> {
    vec![
        feasible(
            "1",
            "all",
            "green",
            "Pollinator planters on the High Street",
            "Twenty planters of bee-friendly plants.",
            "Twenty planters maintained by the Bloom group for three years.",
            7_500,
            "High Street",
        ),
        feasible(
            "2",
            "all",
            "green",
            "Tree planting at the school fields",
            "Sixty native trees around the school fields.",
            "Sixty native trees with guards and three years of watering.",
            12_000,
            "Glenmoray Academy",
        ),
        feasible(
            "3",
            "all",
            "streets",
            "Bike repair stations",
            "Three free bike repair stations.",
            "Tool stands with pumps at the station, the park and the leisure centre.",
            4_800,
            "Station, park, leisure centre",
        ),
        feasible(
            "4",
            "all",
            "community",
            "Community fridge",
            "A fridge to share surplus food.",
            "A fridge, hygiene training and insurance for a volunteer-run community fridge.",
            3_900,
            "Church hall",
        ),
        feasible(
            "5",
            "all",
            "green",
            "Pond restoration",
            "Restore the silted pond in Victoria Park.",
            "Desilting, new marginal planting and a dipping platform for schools.",
            21_000,
            "Victoria Park",
        ),
        feasible(
            "6",
            "all",
            "young",
            "Nature nursery kit",
            "Outdoor kit for the nursery's forest sessions.",
            "Waterproofs, a shelter and tools for weekly forest sessions.",
            2_600,
            "Glenmoray Nursery",
        ),
    ]
}

/// Seeds the demo when the database has no organisation yet; does nothing otherwise.
pub async fn seed_if_empty(db: &DatabaseConnection) -> anyhow::Result<Option<SeedReport>> {
    if organisation::Entity::find().count(db).await? > 0 {
        return Ok(None);
    }
    let txn = crate::db::begin_write(db).await?;
    // Whole seconds: the dates are shown to people, and SQLite and PostgreSQL then agree exactly.
    let now = Utc::now().trunc_subsecs(0);
    let org = organisation::ActiveModel {
        slug: Set("glenmoray".into()),
        name: Set("Glenmoray Council".into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;

    let open = RoundSeed {
        title: "Our Place, Our Budget 2026",
        summary: "Choose how £150,000 is spent in Riverside, the Old Town and Hillhead.",
        description: "Residents aged 12 and over choose which local projects the council funds this year. Pick the projects you want in your area, up to your area's budget. Every ballot is counted with the Method of Equal Shares, so every neighbourhood's voice counts.",
        phase: Phase::Voting,
        districts: &[
            ("riverside", "Riverside", 60_000),
            ("old-town", "Old Town", 50_000),
            ("hillhead", "Hillhead", 40_000),
        ],
        ballot: BallotRules::Approval {
            min_length: 1,
            max_length: Some(5),
            cost_limit: Some(CostLimit::DistrictBudget),
            min_spend_percent: None,
        },
        rule: "mes-add1-greedy",
        live_results_public: true,
        dates: [
            Some(now - Duration::days(60)),
            Some(now - Duration::days(7)),
            Some(now + Duration::days(14)),
            Some(now + Duration::days(21)),
        ],
    };
    let open_round = open
        .insert(&txn, org.id, &open_round_projects(), now)
        .await?;

    let past = RoundSeed {
        title: "Green Spaces Fund 2025",
        summary: "£40,000 for greener streets and parks, chosen by 1,100 residents.",
        description: "Last year's round for the whole council area. The results and the delivery of each funded project are published here.",
        // Seeded closed, then filled with ballots and published through the real count below.
        phase: Phase::Closed,
        districts: &[("all", "Whole council area", 40_000)],
        ballot: BallotRules::Approval {
            min_length: 1,
            max_length: None,
            cost_limit: Some(CostLimit::DistrictBudget),
            min_spend_percent: None,
        },
        rule: "greedy",
        live_results_public: false,
        dates: [
            Some(now - Duration::days(400)),
            Some(now - Duration::days(330)),
            Some(now - Duration::days(310)),
            Some(now - Duration::days(300)),
        ],
    };
    let past_round = past
        .insert(&txn, org.id, &past_round_projects(), now)
        .await?;

    let upcoming = RoundSeed {
        title: "Young People's Budget 2027",
        summary: "Ideas wanted: £20,000 for projects chosen by people aged 11 to 25.",
        description: "Share your idea for your area now. Voting opens in the spring; each voter spreads 10 points over the projects they like.",
        phase: Phase::Proposals,
        districts: &[("all", "Whole council area", 20_000)],
        ballot: BallotRules::Cumulative {
            max_sum_points: 10,
            max_points: 5,
            min_points: 1,
        },
        rule: "mes",
        live_results_public: true,
        dates: [
            Some(now - Duration::days(3)),
            Some(now + Duration::days(90)),
            Some(now + Duration::days(111)),
            Some(now + Duration::days(120)),
        ],
    };
    upcoming.insert(&txn, org.id, &[], now).await?;

    txn.commit().await?;

    let actor = Actor("demo".into());
    officers::add(
        db,
        &actor,
        Some(org.id),
        NewOfficer {
            email: DEMO_OFFICER.0.into(),
            name: "Morag Officer".into(),
            role: Role::Admin,
            password: DEMO_OFFICER.1.into(),
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    // Ballots already in: paper ballots in the open round (so the live tally moves from
    // something), and a full turnout in last year's round, then counted and published.
    let mut random = Lcg(2026);
    seed_ballots(
        db,
        open_round,
        &[
            ("riverside", &["1", "2", "3", "4", "5"][..]),
            ("old-town", &["6", "7", "9"][..]),
            ("hillhead", &["10", "11", "12", "14"][..]),
        ],
        36,
        &mut random,
    )
    .await?;
    seed_ballots(
        db,
        past_round,
        &[("all", &["1", "2", "3", "4", "5", "6"][..])],
        1_104,
        &mut random,
    )
    .await?;
    lifecycle::publish(db, &actor, &past_round.to_string(), None, None)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    seed_delivery(db, past_round, now).await?;
    Ok(Some(SeedReport {
        rounds: 3,
        open_round: open_round.to_string(),
    }))
}

/// The demo officer's sign-in (an admin), printed at every demo start.
pub const DEMO_OFFICER: (&str, &str) = ("officer@glenmoray.example", "glenmoray-demo");

/// A tiny deterministic generator: the demo is the same on every machine.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

/// Approval ballots for a round: each voter approves each project with a fixed, project-specific
/// probability, stopping at the ballot's limits (checked by the real validator).
async fn seed_ballots(
    db: &DatabaseConnection,
    round_pk: i32,
    areas: &[(&str, &[&str])],
    voters: usize,
    random: &mut Lcg,
) -> anyhow::Result<()> {
    let detail = crate::services::rounds::get_any(db, &round_pk.to_string())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let districts: std::collections::HashMap<String, i32> = district::Entity::find()
        .filter(district::Column::RoundId.eq(round_pk))
        .all(db)
        .await?
        .into_iter()
        .map(|d| (d.slug, d.id))
        .collect();
    let mut rows = Vec::with_capacity(voters);
    for n in 0..voters {
        let (area, projects) = areas[n % areas.len()];
        let area_budget = detail
            .districts
            .iter()
            .find(|d| d.id == area)
            .context("demo area")?
            .budget;
        let candidates = detail.candidates(area);
        let context = BallotContext {
            rules: &detail.ballot,
            district_budget: area_budget,
            projects: &candidates,
        };
        let mut picks: Vec<String> = Vec::new();
        for (rank, id) in projects.iter().enumerate() {
            // Earlier projects are more popular: 70 %, 60 %, 50 %, …
            let chance = 70u64.saturating_sub(10 * rank as u64).max(15);
            if random.next() % 100 < chance {
                let mut trial = picks.clone();
                trial.push((*id).to_owned());
                if context
                    .validate(BallotMarks::Approvals(trial.clone()))
                    .is_ok()
                {
                    picks = trial;
                }
            }
        }
        if picks.is_empty() {
            picks.push(projects[(random.next() as usize) % projects.len()].to_owned());
        }
        let marks = context
            .validate(BallotMarks::Approvals(picks))
            .map_err(|v| anyhow::anyhow!("demo ballot invalid: {v:?}"))?
            .into_marks();
        let mut receipt = [0u8; 16];
        crate::secrets::random_bytes(&mut receipt)?;
        let day = detail
            .timeline
            .voting_opens
            .map(|d| (d + Duration::days((random.next() % 7) as i64)).date_naive());
        rows.push(ballot::ActiveModel {
            id: Set(uuid::Uuid::new_v4().to_string()),
            round_id: Set(round_pk),
            district_id: Set(*districts.get(area).context("demo area id")?),
            receipt_hash: Set(crate::secrets::hash_receipt(&receipt_from_random(receipt))),
            marks: Set(serde_json::to_string(&marks)?),
            method: Set(if n % 4 == 0 { "paper" } else { "online" }.into()),
            answers: Set(Some(
                serde_json::json!({ "age_band": AGE_BANDS[(random.next() % 4) as usize] })
                    .to_string(),
            )),
            cast_on: Set(day),
        });
    }
    for chunk in rows.chunks(500) {
        ballot::Entity::insert_many(chunk.to_vec()).exec(db).await?;
    }
    Ok(())
}

async fn seed_delivery(
    db: &DatabaseConnection,
    round_pk: i32,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let detail = crate::services::rounds::get_any(db, &round_pk.to_string())
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let result = crate::services::results::published(db, &detail, round_pk)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let actor = Actor("officer@glenmoray.example".into());
    let notes = [
        (
            DeliveryStatus::Planned,
            250,
            "Contract awarded; work is scheduled for the spring.",
        ),
        (DeliveryStatus::InProgress, 120, "Work has started on site."),
        (
            DeliveryStatus::Delivered,
            30,
            "Finished and open to everyone. Thank you to all who voted.",
        ),
    ];
    for (i, project) in result.selected.iter().enumerate() {
        // Each funded project is further along than the one before it.
        for (status, days_ago, note) in notes.iter().take(1 + i % 3) {
            crate::services::delivery::post(
                db,
                &actor,
                &detail,
                round_pk,
                NewDeliveryUpdate {
                    project: project.clone(),
                    status: *status,
                    note: (*note).into(),
                    on: Some((now - Duration::days(*days_ago)).date_naive()),
                },
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        }
    }
    Ok(())
}

struct RoundSeed {
    title: &'static str,
    summary: &'static str,
    description: &'static str,
    phase: Phase,
    districts: &'static [(&'static str, &'static str, i64)],
    ballot: BallotRules,
    rule: &'static str,
    live_results_public: bool,
    /// Proposals open, voting opens, voting closes, results due.
    dates: [Option<DateTime<Utc>>; 4],
}

impl RoundSeed {
    async fn insert(
        &self,
        db: &impl ConnectionTrait,
        organisation_id: i32,
        projects: &[DemoProject],
        now: DateTime<Utc>,
    ) -> anyhow::Result<i32> {
        let budget: i64 = self.districts.iter().map(|d| d.2 * 100).sum();
        let round = round::ActiveModel {
            organisation_id: Set(organisation_id),
            title: Set(self.title.into()),
            summary: Set(self.summary.into()),
            description: Set(self.description.into()),
            phase: Set(self.phase.as_str().into()),
            currency: Set("GBP".into()),
            budget_minor: Set(budget),
            ballot_rules: Set(serde_json::to_string(&self.ballot)?),
            rule: Set(self.rule.into()),
            tie_break: Set("lexico".into()),
            live_results_public: Set(self.live_results_public),
            revote_allowed: Set(true),
            min_age: Set(Some(12)),
            district_bound_codes: Set(self.districts.len() > 1),
            proposals_open_at: Set(self.dates[0]),
            voting_opens_at: Set(self.dates[1]),
            voting_closes_at: Set(self.dates[2]),
            results_due_at: Set(self.dates[3]),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let mut district_ids = std::collections::HashMap::new();
        for (position, (slug, name, pounds)) in self.districts.iter().enumerate() {
            let row = district::ActiveModel {
                round_id: Set(round.id),
                slug: Set((*slug).into()),
                name: Set((*name).into()),
                budget_minor: Set(pounds * 100),
                position: Set(i32::try_from(position)?),
                ..Default::default()
            }
            .insert(db)
            .await?;
            district_ids.insert(*slug, row.id);
        }
        let mut category_ids = std::collections::HashMap::new();
        for (slug, name) in CATEGORIES {
            let row = category::ActiveModel {
                round_id: Set(round.id),
                slug: Set(slug.into()),
                name: Set(name.into()),
                ..Default::default()
            }
            .insert(db)
            .await?;
            category_ids.insert(slug, row.id);
        }
        for (position, p) in projects.iter().enumerate() {
            project::ActiveModel {
                round_id: Set(round.id),
                district_id: Set(*district_ids
                    .get(p.district)
                    .context("demo project in an unknown district")?),
                category_id: Set(category_ids.get(p.category).copied()),
                public_id: Set(p.id.into()),
                title: Set(p.title.into()),
                summary: Set(p.summary.into()),
                description: Set(p.description.into()),
                cost_minor: Set(p.cost_pounds * 100),
                image_url: Set(None),
                location: Set(Some(p.location.into())),
                feasibility: Set(feasibility_str(p.feasibility).into()),
                feasibility_reason: Set(p.reason.map(Into::into)),
                withdrawn: Set(p.withdrawn),
                position: Set(i32::try_from(position)?),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
        Ok(round.id)
    }
}

/// What a newcomer needs to try everything, printed once at start. The codes exist in clear
/// only here: the database keeps their keyed hashes.
pub fn print_welcome(url: &str, codes: &[String]) {
    println!("Demo data: Glenmoray Council, with a round open for voting at {url}/");
    println!(
        "  Officer sign-in at {url}/officer: {} / {}",
        DEMO_OFFICER.0, DEMO_OFFICER.1
    );
    if codes.is_empty() {
        println!(
            "  (the demo was seeded earlier; issue more voting codes with `cairn codes 1 --count 5`)"
        );
    } else {
        println!("  Voting codes for \"Our Place, Our Budget 2026\" (each casts one ballot):");
        for code in codes {
            println!("    {code}");
        }
    }
}
