//! `cairn tally FILE.pb --rule RULE [--json] [--tie-break lexico|cost-then-votes]` (SPEC §4):
//! recompute a result offline from a Pabulib file.
//!
//! Exit codes: 0 counted; 2 the file could not be read or parsed, or an argument is unknown,
//! or the rule cannot count this kind of ballot.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use cairn_shared::pabulib;
use cairn_shared::rational::Rational;
use cairn_shared::rules::{self, Outcome, Rule, TieBreak};

pub fn run(file: &Path, rule: &str, json: bool, tie_break: &str) -> ExitCode {
    let shown = file.display();
    let rule: Rule = match rule.parse() {
        Ok(rule) => rule,
        Err(e) => return fail(&format!("error: {e}")),
    };
    let tie_break: TieBreak = match tie_break.parse() {
        Ok(t) => t,
        Err(e) => return fail(&format!("error: {e}")),
    };
    let text = match std::fs::read(file) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                // Name the line the bad bytes are on, as for every other problem in the file.
                let at = e.utf8_error().valid_up_to();
                let line = 1 + e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count();
                return fail(&format!("error: {shown}: line {line}: not valid UTF-8"));
            }
        },
        Err(e) => return fail(&format!("error: {shown}: {e}")),
    };
    let election = match pabulib::parse(&text) {
        Ok(election) => election,
        Err(e) => return fail(&format!("error: {shown}: {e}")),
    };
    let outcome = match rules::tally(&election, rule, tie_break) {
        Ok(outcome) => outcome,
        Err(e) => return fail(&format!("error: {shown}: {e}")),
    };
    let text = if json {
        json_line(&outcome)
    } else {
        table(&outcome)
    };
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn fail(message: &str) -> ExitCode {
    eprintln!("{message}");
    ExitCode::from(2)
}

/// `{"rule": RULE, "selected": [...], "cost": N}`: N is a JSON integer when the cost is whole,
/// else the shortest decimal (or a float approximation of a non-terminating fraction).
fn json_line(outcome: &Outcome) -> String {
    // Written by hand to keep the documented key order (serde_json's map would sort the keys).
    let text = |v: serde_json::Value| v.to_string();
    format!(
        "{{\"rule\": {}, \"selected\": {}, \"cost\": {}}}\n",
        text(serde_json::Value::from(outcome.rule.as_str())),
        text(serde_json::Value::from(outcome.selected.clone())),
        text(json_number(&outcome.cost)),
    )
}

fn json_number(amount: &Rational) -> serde_json::Value {
    let text = amount.to_string();
    if let Some(n) = amount
        .is_integer()
        .then(|| text.parse::<i64>().ok())
        .flatten()
    {
        return serde_json::Value::from(n);
    }
    // A terminating decimal is printed digit for digit; only a fraction like 1/3 is rounded.
    text.parse::<serde_json::Number>()
        .map(serde_json::Value::Number)
        .unwrap_or_else(|_| serde_json::Value::from(amount.to_f64()))
}

fn table(outcome: &Outcome) -> String {
    let mut out = format!(
        "rule: {}   tie-break: {}\nbudget: {}   spent: {}   funded: {} of {}\n",
        outcome.rule,
        outcome.tie_break,
        outcome.budget,
        outcome.cost,
        outcome.selected.len(),
        outcome.projects.len()
    );
    if let Some(endowment) = &outcome.endowment {
        out.push_str(&format!(
            "per-voter budget of the counted MES run: {endowment}"
        ));
        if let Some(runs) = outcome.mes_runs {
            out.push_str(&format!(" (after {runs} Add1 runs)"));
        }
        out.push('\n');
    }
    let id_width = outcome
        .projects
        .iter()
        .map(|p| p.id.chars().count())
        .max()
        .unwrap_or(2)
        .max(2);
    let cost_width = outcome
        .projects
        .iter()
        .map(|p| p.cost.to_string().len())
        .max()
        .unwrap_or(4)
        .max(4);
    out.push_str(&format!(
        "\n{:<id_width$}  {:>cost_width$}  {:>8}  {:<6}  why\n",
        "id", "cost", "support", "funded"
    ));
    let mut projects: Vec<_> = outcome.projects.iter().collect();
    projects.sort_by(|a, b| b.funded.cmp(&a.funded).then(b.support.cmp(&a.support)));
    for p in projects {
        out.push_str(&format!(
            "{:<id_width$}  {:>cost_width$}  {:>8}  {:<6}  {}\n",
            p.id,
            p.cost.to_string(),
            p.support.to_string(),
            if p.funded { "yes" } else { "no" },
            p.explanation.describe()
        ));
    }
    out
}
