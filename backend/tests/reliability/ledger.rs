//! What the clients were told, and the check that the database agrees with it after a fault.
//!
//! A ballot acknowledged with 201 must be counted, whatever happens next. A submission that got
//! no answer (the connection broke, or 503) may or may not have been committed; retried, its
//! code answers 201 (it was not) or 409 (it was), and either way the code counts once. So after
//! every fault: each acknowledged receipt is on the board, an acknowledged code cannot vote
//! again, and the round holds exactly one ballot per used code, and one used code per
//! acknowledged or silently committed submission.

use futures::StreamExt;
use sea_orm::DatabaseConnection;

use crate::load::{self, Answer};
use crate::store;

const CHECKERS: usize = 16;

pub struct Ledger {
    round: String,
    /// Code and receipt of every 201, in order.
    acknowledged: Vec<(String, String)>,
    /// How many of `acknowledged` have been shown to be spent (a second try gave 409).
    proven_spent: usize,
    /// Codes that got no answer and whose retry gave 409: committed, never acknowledged.
    committed_silently: Vec<String>,
    /// Codes whose fate the next settlement finds out.
    unanswered: Vec<String>,
    /// Online ballots and used codes in the round before the test began.
    baseline: (u64, u64),
}

/// The figures of one settlement, for the test's report.
#[derive(Debug)]
pub struct Settled {
    pub acknowledged: usize,
    pub retried: usize,
    pub retried_committed: usize,
    /// The codes this settlement found committed without their submitter being told.
    pub committed_silently: Vec<String>,
    pub ballots: u64,
}

impl Ledger {
    pub async fn new(db: &DatabaseConnection, round: &str) -> Self {
        Ledger {
            round: round.to_owned(),
            acknowledged: Vec::new(),
            proven_spent: 0,
            committed_silently: Vec::new(),
            unanswered: Vec::new(),
            baseline: (
                store::online_ballots(db, round).await,
                store::used_codes(db, round).await,
            ),
        }
    }

    pub fn acknowledged(&mut self, code: String, receipt: String) {
        self.acknowledged.push((code, receipt));
    }

    pub fn unanswered(&mut self, code: String) {
        self.unanswered.push(code);
    }

    pub fn acknowledged_count(&self) -> usize {
        self.acknowledged.len()
    }

    /// Retries the unanswered codes, then checks every invariant against the server at `base`
    /// (which must be up, with its database) and the database itself. Panics on any breach.
    pub async fn settle(
        &mut self,
        client: &reqwest::Client,
        base: &str,
        db: &DatabaseConnection,
    ) -> Settled {
        let round = self.round.clone();
        let unanswered = std::mem::take(&mut self.unanswered);
        let retried = unanswered.len();
        let retries: Vec<(String, Answer)> = futures::stream::iter(unanswered)
            .map(|code| {
                let round = &round;
                async move {
                    let answer = load::cast(client, base, round, &code).await;
                    (code, answer)
                }
            })
            .buffer_unordered(CHECKERS)
            .collect()
            .await;
        let mut committed_silently = Vec::new();
        for (code, answer) in retries {
            match answer {
                Answer::Created(receipt) => self.acknowledged.push((code, receipt)),
                Answer::Status(409, _) => {
                    committed_silently.push(code.clone());
                    self.committed_silently.push(code);
                }
                other => panic!("retrying an unanswered submission gave {other:?}"),
            }
        }

        // Only acknowledged receipts are looked up: an unknown one would count as a guess.
        let board: Vec<(String, Result<u16, String>)> =
            futures::stream::iter(self.acknowledged.iter().map(|(_, r)| r.clone()))
                .map(|receipt| async move {
                    let status = load::receipt_status(client, base, &receipt).await;
                    (receipt, status)
                })
                .buffer_unordered(CHECKERS)
                .collect()
                .await;
        for (receipt, status) in board {
            assert_eq!(
                status,
                Ok(200),
                "acknowledged receipt {receipt} is not on the board"
            );
        }

        let fresh = self.acknowledged[self.proven_spent..].to_vec();
        let again: Vec<Answer> = futures::stream::iter(fresh)
            .map(|(code, _)| {
                let round = &round;
                async move { load::cast(client, base, round, &code).await }
            })
            .buffer_unordered(CHECKERS)
            .collect()
            .await;
        for answer in again {
            assert_eq!(
                answer.status(),
                Some(409),
                "an acknowledged code voted again: {answer:?}"
            );
        }
        self.proven_spent = self.acknowledged.len();

        let ballots = store::online_ballots(db, &round).await;
        let used = store::used_codes(db, &round).await;
        let spent = (self.acknowledged.len() + self.committed_silently.len()) as u64;
        assert_eq!(
            (ballots - self.baseline.0, used - self.baseline.1),
            (spent, spent),
            "(ballots, used codes) added must both equal the acknowledged ({}) plus silently \
             committed ({}) submissions",
            self.acknowledged.len(),
            self.committed_silently.len()
        );
        Settled {
            acknowledged: self.acknowledged.len(),
            retried,
            retried_committed: committed_silently.len(),
            committed_silently,
            ballots: ballots - self.baseline.0,
        }
    }
}
