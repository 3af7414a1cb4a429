//! The knobs of the long run, read from the environment.

/// Rounds of 200 parallel submissions of one code (`CAIRN_RELIABILITY_REPEATS`).
pub fn repeats() -> usize {
    number("CAIRN_RELIABILITY_REPEATS", 3)
}

/// SIGKILLs of the server under load (`CAIRN_RELIABILITY_KILLS`).
pub fn kills() -> usize {
    number("CAIRN_RELIABILITY_KILLS", 3)
}

/// How long the database stays away in the outage tests (`CAIRN_RELIABILITY_OUTAGE_SECS`);
/// longer than the pool's 5 s wait for a connection, so requests do meet the outage.
pub fn outage() -> std::time::Duration {
    std::time::Duration::from_secs(number("CAIRN_RELIABILITY_OUTAGE_SECS", 15) as u64)
}

/// Whether the outage test may really restart PostgreSQL, which disturbs everyone using it.
pub fn restart_postgres() -> bool {
    std::env::var("CAIRN_RELIABILITY_RESTART_POSTGRES").is_ok_and(|v| v == "1")
}

fn number(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(value) => value
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a whole number, not {value:?}")),
        Err(_) => default,
    }
}

/// A random number below `bound`, for kill moments (UUID v4 is the OS's randomness; the tests
/// need no reproducible sequence, they print each moment they chose).
pub fn random_below(bound: u64) -> u64 {
    (uuid::Uuid::new_v4().as_u128() % u128::from(bound.max(1))) as u64
}
