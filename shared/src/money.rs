//! Money as an exact count of minor units (pence, cents). Never a float: a tally that compares
//! sums must give the same answer in every browser and on every server.

use std::fmt;
use std::ops::{Add, Sub};

use serde::{Deserialize, Serialize};

/// An amount in minor units of the round's currency (for GBP, pence).
///
/// Serialised as a plain integer of minor units so JSON stays exact.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(i64);

/// Why a string is not an amount of money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyParseError {
    #[error("an amount cannot be empty")]
    Empty,
    #[error("{0:?} is not an amount of money")]
    Invalid(String),
    #[error("{0:?} has more than two decimal places")]
    TooPrecise(String),
    #[error("{0:?} is too large")]
    TooLarge(String),
}

impl Money {
    pub const ZERO: Money = Money(0);

    pub const fn from_minor(minor: i64) -> Self {
        Money(minor)
    }

    pub const fn from_major(major: i64) -> Self {
        Money(major * 100)
    }

    pub const fn minor(self) -> i64 {
        self.0
    }

    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    /// Parses `1234`, `1234.5`, `1234.56` or `1234,56` (decimal comma, as in Pabulib files).
    /// Thousands separators are refused rather than guessed at.
    pub fn parse(text: &str) -> Result<Money, MoneyParseError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(MoneyParseError::Empty);
        }
        let invalid = || MoneyParseError::Invalid(text.to_owned());
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = match digits.find(['.', ',']) {
            Some(at) => (&digits[..at], &digits[at + 1..]),
            None => (digits, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
            return Err(invalid());
        }
        if fraction.len() > 2 {
            return Err(MoneyParseError::TooPrecise(text.to_owned()));
        }
        let too_large = || MoneyParseError::TooLarge(text.to_owned());
        let whole: i64 = whole.parse().map_err(|_| too_large())?;
        let mut cents: i64 = if fraction.is_empty() {
            0
        } else {
            fraction.parse().map_err(|_| invalid())?
        };
        if fraction.len() == 1 {
            cents *= 10;
        }
        // Negative amounts are built downwards so `i64::MIN`, which `Display` prints, reads back.
        let minor = if negative {
            whole.checked_mul(-100).and_then(|w| w.checked_sub(cents))
        } else {
            whole.checked_mul(100).and_then(|w| w.checked_add(cents))
        }
        .ok_or_else(too_large)?;
        Ok(Money(minor))
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0 + rhs.0)
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money(self.0 - rhs.0)
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

/// The wire form: a whole number of minor units, never a decimal string or a float.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Money {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
            .description(Some(
                "An amount in minor units of the round's currency (pence for GBP): 123450 is 1,234.50.",
            ))
            .examples([123_450])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Money {}

/// Plain, locale-neutral form: `1234.56`, or `1234` for whole amounts. Locale formatting with
/// currency symbols and grouping belongs to the frontend.
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        if abs.is_multiple_of(100) {
            write!(f, "{sign}{}", abs / 100)
        } else {
            write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_whole_and_decimal_amounts() {
        assert_eq!(Money::parse("1234"), Ok(Money::from_minor(123_400)));
        assert_eq!(Money::parse("1234.5"), Ok(Money::from_minor(123_450)));
        assert_eq!(
            Money::parse("1584196,52"),
            Ok(Money::from_minor(158_419_652))
        );
        assert_eq!(Money::parse(" 7 "), Ok(Money::from_major(7)));
        assert_eq!(Money::parse("-3.01"), Ok(Money::from_minor(-301)));
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        assert_eq!(Money::parse(""), Err(MoneyParseError::Empty));
        assert!(matches!(
            Money::parse("1,000,000"),
            Err(MoneyParseError::Invalid(_))
        ));
        assert!(matches!(
            Money::parse("12.345"),
            Err(MoneyParseError::TooPrecise(_))
        ));
        assert!(matches!(
            Money::parse("abc"),
            Err(MoneyParseError::Invalid(_))
        ));
        assert!(matches!(
            Money::parse(".5"),
            Err(MoneyParseError::Invalid(_))
        ));
        assert!(matches!(
            Money::parse("99999999999999999999"),
            Err(MoneyParseError::TooLarge(_))
        ));
    }

    #[test]
    #[allow(clippy::unwrap_used)]
    fn displays_round_trip() {
        for text in ["0", "1234", "1234.50", "0.05", "-3.01"] {
            let money = Money::parse(text).unwrap();
            assert_eq!(Money::parse(&money.to_string()), Ok(money));
        }
        assert_eq!(Money::from_minor(123_450).to_string(), "1234.50");
    }

    #[test]
    #[allow(clippy::unwrap_used)]
    fn the_smallest_amount_reads_back() {
        let min = Money::from_minor(i64::MIN);
        assert_eq!(min.to_string(), "-92233720368547758.08");
        assert_eq!(Money::parse(&min.to_string()), Ok(min));
        assert!(matches!(
            Money::parse("-92233720368547758.09"),
            Err(MoneyParseError::TooLarge(_))
        ));
        assert_eq!(Money::parse("-0.01"), Ok(Money::from_minor(-1)));
    }

    /// The amount a well-formed string means, worked out in 128 bits, or `None` if it does
    /// not fit in an `i64` of minor units.
    fn meaning(text: &str) -> Option<i64> {
        let text = text.trim();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = digits.split_once(['.', ',']).unwrap_or((digits, ""));
        let whole: i128 = whole.parse().ok()?;
        let cents: i128 = format!("{fraction:0<2}").parse().ok()?;
        let minor = whole * 100 + cents;
        i64::try_from(if negative { -minor } else { minor }).ok()
    }

    proptest::proptest! {
        /// Every amount, `i64::MIN` and `i64::MAX` included, reads back from its text.
        #[test]
        fn every_amount_reads_back(minor: i64) {
            let money = Money::from_minor(minor);
            proptest::prop_assert_eq!(Money::parse(&money.to_string()), Ok(money));
        }

        /// Digits with up to two decimals (point or comma) mean what they say, or are too
        /// large; more decimals are too precise.
        #[test]
        fn amounts_parse_to_their_value(
            text in r"[ \t]{0,2}-?[0-9]{1,21}([.,][0-9]{0,3})?[ \t]{0,2}",
        ) {
            let fraction = text.trim().split_once(['.', ',']).map_or(0, |(_, f)| f.len());
            match Money::parse(&text) {
                Ok(money) => proptest::prop_assert_eq!(Some(money.minor()), meaning(&text)),
                Err(MoneyParseError::TooPrecise(_)) => proptest::prop_assert!(fraction > 2),
                Err(MoneyParseError::TooLarge(_)) => {
                    proptest::prop_assert!(fraction <= 2 && meaning(&text).is_none())
                }
                Err(other) => proptest::prop_assert!(false, "{text:?}: {other}"),
            }
        }

        /// Any text: an amount or an error, never a panic; an amount it reads prints as text
        /// that reads back to it.
        #[test]
        fn any_text_parses_or_is_refused(
            text in proptest::prop_oneof![r"[-+0-9.,e ]{0,12}", proptest::prelude::any::<String>()],
        ) {
            if let Ok(money) = Money::parse(&text) {
                proptest::prop_assert_eq!(Money::parse(&money.to_string()), Ok(money));
            }
        }
    }
}
