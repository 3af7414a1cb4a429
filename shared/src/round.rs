//! A round's life: the phases of SPEC §1 and which moves between them are allowed.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Where a round is in its timeline. Ballot rules, budget and projects are locked from `Voting` on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    Draft,
    Proposals,
    Review,
    Voting,
    Closed,
    Published,
}

/// Where a round stands for the public, before, during or after its vote: it sets the phase's
/// badge and the portal section that lists the round (a draft is never public, so it never
/// reaches the portal). The browser's portal and the server's first screen both group by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Voting,
    Upcoming,
    Finished,
}

impl Stage {
    /// In the portal's order.
    pub const PORTAL: [Stage; 3] = [Stage::Voting, Stage::Upcoming, Stage::Finished];

    /// The phase badge's style (`badge voting` and so on).
    pub const fn badge(self) -> &'static str {
        match self {
            Stage::Voting => "voting",
            Stage::Upcoming => "upcoming",
            Stage::Finished => "closed",
        }
    }

    /// The portal section's id; its heading is the message `portal-{section}` and the line
    /// shown when it is empty `portal-none-{section}`.
    pub const fn section(self) -> &'static str {
        match self {
            Stage::Voting => "open",
            Stage::Upcoming => "upcoming",
            Stage::Finished => "past",
        }
    }
}

impl Phase {
    pub const fn stage(self) -> Stage {
        match self {
            Phase::Draft | Phase::Proposals | Phase::Review => Stage::Upcoming,
            Phase::Voting => Stage::Voting,
            Phase::Closed | Phase::Published => Stage::Finished,
        }
    }

    pub const ALL: [Phase; 6] = [
        Phase::Draft,
        Phase::Proposals,
        Phase::Review,
        Phase::Voting,
        Phase::Closed,
        Phase::Published,
    ];

    pub const fn as_str(self) -> &'static str {
        match self {
            Phase::Draft => "draft",
            Phase::Proposals => "proposals",
            Phase::Review => "review",
            Phase::Voting => "voting",
            Phase::Closed => "closed",
            Phase::Published => "published",
        }
    }

    /// The phase after this one, if any. Rounds only move forward: a reopened vote would
    /// invalidate receipts already handed out.
    pub const fn next(self) -> Option<Phase> {
        match self {
            Phase::Draft => Some(Phase::Proposals),
            Phase::Proposals => Some(Phase::Review),
            Phase::Review => Some(Phase::Voting),
            Phase::Voting => Some(Phase::Closed),
            Phase::Closed => Some(Phase::Published),
            Phase::Published => None,
        }
    }

    /// Whether a round may move straight from `self` to `to`. Skipping the proposal and review
    /// phases is allowed (a council may import already-vetted projects); going back is not.
    pub fn can_move_to(self, to: Phase) -> bool {
        match (self, to) {
            (from, to) if to <= from => false,
            // Voting must be closed before results are computed.
            (Phase::Draft | Phase::Proposals | Phase::Review, Phase::Closed | Phase::Published) => {
                false
            }
            (Phase::Voting, Phase::Published) => false,
            _ => true,
        }
    }

    /// Ballot rules, budget and projects can no longer change.
    pub fn is_locked(self) -> bool {
        self >= Phase::Voting
    }

    /// Visible to the public (drafts are only for officers).
    pub fn is_public(self) -> bool {
        self != Phase::Draft
    }
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not a phase (expected one of draft, proposals, review, voting, closed, published)"
)]
pub struct UnknownPhase(pub String);

impl FromStr for Phase {
    type Err = UnknownPhase;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Phase::ALL
            .into_iter()
            .find(|p| p.as_str() == s)
            .ok_or_else(|| UnknownPhase(s.to_owned()))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn each_phase_is_before_during_or_after_the_vote() {
        let stages: Vec<Stage> = Phase::ALL.iter().map(|p| p.stage()).collect();
        assert_eq!(
            stages,
            [
                Stage::Upcoming,
                Stage::Upcoming,
                Stage::Upcoming,
                Stage::Voting,
                Stage::Finished,
                Stage::Finished,
            ]
        );
        let sections: Vec<&str> = Stage::PORTAL.iter().map(|s| s.section()).collect();
        assert_eq!(sections, ["open", "upcoming", "past"]);
    }

    #[test]
    fn names_round_trip() {
        for phase in Phase::ALL {
            assert_eq!(phase.as_str().parse::<Phase>().unwrap(), phase);
        }
        assert!("open".parse::<Phase>().is_err());
    }

    #[test]
    fn rounds_only_move_forward_and_close_before_publishing() {
        assert!(Phase::Draft.can_move_to(Phase::Voting));
        assert!(Phase::Voting.can_move_to(Phase::Closed));
        assert!(Phase::Closed.can_move_to(Phase::Published));
        assert!(!Phase::Voting.can_move_to(Phase::Published));
        assert!(!Phase::Closed.can_move_to(Phase::Voting));
        assert!(!Phase::Review.can_move_to(Phase::Closed));
        assert!(!Phase::Published.can_move_to(Phase::Published));
        for from in Phase::ALL {
            if let Some(next) = from.next() {
                assert!(from.can_move_to(next), "{from} -> {next}");
            }
        }
    }
}
