//! Exact non-float numbers for budgets, costs and points.
//!
//! Pabulib budgets are not always whole minor units (Kraków 2024 has `39604913/25`), and a tally
//! must compare sums exactly, so amounts are arbitrary-precision rationals. The text form is a
//! plain decimal whenever the value has one (`1584196.52`), otherwise `numerator/denominator`;
//! JSON carries that text, so nothing is ever rounded on the wire.

use std::cmp::Ordering;
use std::fmt;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};
use std::str::FromStr;

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::money::Money;

/// An exact rational number.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Rational(BigRational);

/// Why a string is not a number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RationalParseError {
    #[error("a number cannot be empty")]
    Empty,
    #[error("{0:?} is not a number")]
    Invalid(String),
    #[error("{0:?} divides by zero")]
    ZeroDenominator(String),
}

impl Rational {
    pub fn zero() -> Self {
        Rational(BigRational::zero())
    }

    pub fn one() -> Self {
        Rational(BigRational::one())
    }

    pub fn from_integer(n: i64) -> Self {
        Rational(BigRational::from_integer(BigInt::from(n)))
    }

    pub fn from_big_integer(n: BigInt) -> Self {
        Rational(BigRational::from_integer(n))
    }

    /// `numer / denom`; `None` when `denom` is zero.
    pub fn from_fraction(numer: i64, denom: i64) -> Option<Self> {
        (denom != 0).then(|| Rational(BigRational::new(numer.into(), denom.into())))
    }

    pub fn numer(&self) -> &BigInt {
        self.0.numer()
    }

    pub fn denom(&self) -> &BigInt {
        self.0.denom()
    }

    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }

    pub fn is_negative(&self) -> bool {
        self.0.is_negative()
    }

    pub fn is_integer(&self) -> bool {
        self.0.is_integer()
    }

    pub fn abs(&self) -> Self {
        Rational(self.0.abs())
    }

    /// Nearest `f64`, for display and for the tally's float pre-screening, never for a decision.
    pub fn to_f64(&self) -> f64 {
        self.0.to_f64().unwrap_or(f64::NAN)
    }

    /// The amount in minor units (hundredths) when it is a whole number of them.
    pub fn to_money(&self) -> Option<Money> {
        let cents = &self.0 * BigRational::from_integer(BigInt::from(100));
        if cents.is_integer() {
            cents.to_integer().to_i64().map(Money::from_minor)
        } else {
            None
        }
    }

    /// Parses `12`, `-3`, `1584196.52`, `1584196,52` (decimal comma, as Pabulib files from
    /// Poland write it), `4000.0`, `39604913/25` and `1e5`. Thousands separators are refused
    /// rather than guessed at: `1,000,000` is an error, as it is for pabutools.
    pub fn parse(text: &str) -> Result<Self, RationalParseError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(RationalParseError::Empty);
        }
        let invalid = || RationalParseError::Invalid(text.to_owned());
        if let Some((numer, denom)) = text.split_once('/') {
            let numer = parse_integer(numer.trim()).ok_or_else(invalid)?;
            let denom = parse_integer(denom.trim()).ok_or_else(invalid)?;
            if denom.is_zero() {
                return Err(RationalParseError::ZeroDenominator(text.to_owned()));
            }
            return Ok(Rational(BigRational::new(numer, denom)));
        }
        let (negative, unsigned) = match text.as_bytes()[0] {
            b'-' => (true, &text[1..]),
            b'+' => (false, &text[1..]),
            _ => (false, text),
        };
        let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
            Some(at) => {
                let exp: i32 = unsigned[at + 1..].parse().map_err(|_| invalid())?;
                if exp.unsigned_abs() > 4096 {
                    return Err(invalid());
                }
                (&unsigned[..at], exp)
            }
            None => (unsigned, 0),
        };
        let (whole, fraction) = match mantissa.find(['.', ',']) {
            Some(at) => (&mantissa[..at], &mantissa[at + 1..]),
            None => (mantissa, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if (whole.is_empty() && fraction.is_empty()) || !all_digits(whole) || !all_digits(fraction)
        {
            return Err(invalid());
        }
        let digits = format!("{whole}{fraction}");
        let mut numer: BigInt = digits.parse().map_err(|_| invalid())?;
        if negative {
            numer = -numer;
        }
        let scale = exponent - i32::try_from(fraction.len()).map_err(|_| invalid())?;
        let ten = BigInt::from(10);
        let value = if scale >= 0 {
            BigRational::from_integer(numer * num_traits::pow(ten, scale.unsigned_abs() as usize))
        } else {
            BigRational::new(numer, num_traits::pow(ten, scale.unsigned_abs() as usize))
        };
        Ok(Rational(value))
    }

    /// The decimal expansion when it terminates (the denominator has no prime factor other than
    /// 2 and 5), else `None`.
    fn decimal_string(&self) -> Option<String> {
        let denom = self.0.denom();
        let two = BigInt::from(2);
        let five = BigInt::from(5);
        let mut rest = denom.clone();
        let (mut twos, mut fives) = (0usize, 0usize);
        while rest.is_even() {
            rest /= &two;
            twos += 1;
        }
        while (&rest % &five).is_zero() {
            rest /= &five;
            fives += 1;
        }
        if !rest.is_one() {
            return None;
        }
        let places = twos.max(fives);
        let scaled = self.0.numer() * (num_traits::pow(BigInt::from(10), places) / denom);
        let sign = if scaled.sign() == Sign::Minus {
            "-"
        } else {
            ""
        };
        let digits = scaled.abs().to_string();
        if places == 0 {
            return Some(format!("{sign}{digits}"));
        }
        let padded = format!("{digits:0>width$}", width = places + 1);
        let (int, frac) = padded.split_at(padded.len() - places);
        Some(format!("{sign}{int}.{frac}"))
    }
}

fn parse_integer(text: &str) -> Option<BigInt> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

impl FromStr for Rational {
    type Err = RationalParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Rational::parse(s)
    }
}

impl fmt::Display for Rational {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.decimal_string() {
            Some(text) => f.write_str(&text),
            None => write!(f, "{}/{}", self.0.numer(), self.0.denom()),
        }
    }
}

impl fmt::Debug for Rational {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rational({self})")
    }
}

impl Serialize for Rational {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Rational {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Rational::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// The wire form is the `Display` text: an exact decimal where there is one, else `p/q`.
#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Rational {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(r"^-?[0-9]+(\.[0-9]+|/[0-9]+)?$"))
            .description(Some(
                "An exact rational number: a decimal when it has a finite one (`1234.5`), else a fraction (`1/3`).",
            ))
            .examples(["1234.5", "1/3"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Rational {}

impl From<Money> for Rational {
    fn from(money: Money) -> Self {
        Rational(BigRational::new(money.minor().into(), BigInt::from(100)))
    }
}

impl From<i64> for Rational {
    fn from(n: i64) -> Self {
        Rational::from_integer(n)
    }
}

impl From<u64> for Rational {
    fn from(n: u64) -> Self {
        Rational(BigRational::from_integer(n.into()))
    }
}

impl PartialEq<i64> for Rational {
    fn eq(&self, other: &i64) -> bool {
        self.0 == BigRational::from_integer((*other).into())
    }
}

impl PartialOrd<i64> for Rational {
    fn partial_cmp(&self, other: &i64) -> Option<Ordering> {
        Some(self.0.cmp(&BigRational::from_integer((*other).into())))
    }
}

macro_rules! binop {
    ($trait:ident, $method:ident, $assign_trait:ident, $assign:ident) => {
        impl $trait for Rational {
            type Output = Rational;
            fn $method(self, rhs: Rational) -> Rational {
                Rational(self.0.$method(rhs.0))
            }
        }
        impl $trait<&Rational> for &Rational {
            type Output = Rational;
            fn $method(self, rhs: &Rational) -> Rational {
                Rational((&self.0).$method(&rhs.0))
            }
        }
        impl $trait<&Rational> for Rational {
            type Output = Rational;
            fn $method(self, rhs: &Rational) -> Rational {
                Rational(self.0.$method(&rhs.0))
            }
        }
        impl $assign_trait<&Rational> for Rational {
            fn $assign(&mut self, rhs: &Rational) {
                self.0 = (&self.0).$method(&rhs.0);
            }
        }
    };
}

binop!(Add, add, AddAssign, add_assign);
binop!(Sub, sub, SubAssign, sub_assign);

impl Mul<&Rational> for &Rational {
    type Output = Rational;
    fn mul(self, rhs: &Rational) -> Rational {
        Rational(&self.0 * &rhs.0)
    }
}

impl Div<&Rational> for &Rational {
    type Output = Rational;
    /// Panics on division by zero, like integer division; callers check first.
    fn div(self, rhs: &Rational) -> Rational {
        Rational(&self.0 / &rhs.0)
    }
}

impl Mul<&Rational> for Rational {
    type Output = Rational;
    fn mul(self, rhs: &Rational) -> Rational {
        Rational(self.0 * &rhs.0)
    }
}

impl Div<&Rational> for Rational {
    type Output = Rational;
    fn div(self, rhs: &Rational) -> Rational {
        Rational(self.0 / &rhs.0)
    }
}

impl Neg for Rational {
    type Output = Rational;
    fn neg(self) -> Rational {
        Rational(-self.0)
    }
}

impl std::iter::Sum for Rational {
    fn sum<I: Iterator<Item = Rational>>(iter: I) -> Rational {
        iter.fold(Rational::zero(), |acc, x| acc + x)
    }
}

impl<'a> std::iter::Sum<&'a Rational> for Rational {
    fn sum<I: Iterator<Item = &'a Rational>>(iter: I) -> Rational {
        iter.fold(Rational::zero(), |acc, x| acc + x)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_pabulib_files_use() {
        let r = |s: &str| Rational::parse(s).unwrap();
        assert_eq!(
            r("1584196.52"),
            Rational::from_fraction(39_604_913, 25).unwrap()
        );
        assert_eq!(r("1584196,52"), r("39604913/25"));
        assert_eq!(r("4000.0"), Rational::from_integer(4000));
        assert_eq!(r("-3"), Rational::from_integer(-3));
        assert_eq!(r("1e5"), Rational::from_integer(100_000));
        assert_eq!(r("2.5E-1"), Rational::from_fraction(1, 4).unwrap());
        assert_eq!(r(".5"), Rational::from_fraction(1, 2).unwrap());
    }

    #[test]
    fn refuses_what_is_not_a_number() {
        for bad in [
            "",
            "1,000,000",
            "abc",
            "1/0",
            "--1",
            "1.2.3",
            "1e",
            "/",
            "e5",
            ".",
        ] {
            assert!(Rational::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn displays_decimals_where_they_terminate() {
        let r = |s: &str| Rational::parse(s).unwrap();
        assert_eq!(r("39604913/25").to_string(), "1584196.52");
        assert_eq!(r("1/3").to_string(), "1/3");
        assert_eq!(r("-1/8").to_string(), "-0.125");
        assert_eq!(r("4000.0").to_string(), "4000");
        assert_eq!(r("0").to_string(), "0");
        for text in ["1/3", "-7/6", "0.05", "123456789.123", "-0.5"] {
            assert_eq!(r(&r(text).to_string()), r(text));
        }
    }

    #[test]
    fn converts_money_both_ways() {
        let money = Money::from_minor(158_419_652);
        let amount = Rational::from(money);
        assert_eq!(amount.to_string(), "1584196.52");
        assert_eq!(amount.to_money(), Some(money));
        assert_eq!(Rational::parse("1/3").unwrap().to_money(), None);
    }

    use proptest::prelude::*;

    /// Integers of any size, not only those an `i64` holds.
    fn big() -> impl Strategy<Value = BigInt> {
        prop_oneof![
            any::<i64>().prop_map(BigInt::from),
            (any::<i128>(), any::<u64>()).prop_map(|(a, b)| BigInt::from(a) * BigInt::from(b)),
        ]
    }

    fn rational() -> impl Strategy<Value = Rational> {
        let denom = prop_oneof![
            1u64..1_000,
            // Powers of 2 and 5 (and their products) give terminating decimals.
            (0u32..40, 0u32..40).prop_map(|(a, b)| 2u64.pow(a / 2) * 5u64.pow(b / 2)),
            1u64..=u64::MAX,
        ];
        (big(), denom).prop_map(|(n, d)| Rational(BigRational::new(n, BigInt::from(d))))
    }

    proptest! {
        /// The text form, decimal or fraction, reads back exactly, also through JSON.
        #[test]
        fn every_rational_reads_back(r in rational()) {
            let text = r.to_string();
            prop_assert_eq!(Rational::parse(&text).unwrap(), r.clone());
            prop_assert_eq!(text.contains('/'), Rational::parse(&text).unwrap().decimal_string().is_none());
            let json = serde_json::to_string(&r).unwrap();
            prop_assert_eq!(serde_json::from_str::<Rational>(&json).unwrap(), r);
        }

        /// A decimal with a point or comma and an exponent means `digits × 10^(exp − places)`.
        #[test]
        fn decimals_parse_to_their_value(
            sign in prop_oneof![Just(""), Just("-"), Just("+")],
            whole in "[0-9]{0,25}",
            point in prop_oneof![Just('.'), Just(',')],
            fraction in "[0-9]{0,25}",
            exp in proptest::option::of(-60i32..60),
        ) {
            prop_assume!(!(whole.is_empty() && fraction.is_empty()));
            let mut text = format!("{sign}{whole}{point}{fraction}");
            if let Some(e) = exp {
                text.push_str(&format!("e{e}"));
            }
            let digits: BigInt = format!("{whole}{fraction}").parse().unwrap();
            let digits = if sign == "-" { -digits } else { digits };
            let scale = exp.unwrap_or(0) - fraction.len() as i32;
            let factor = BigRational::from_integer(num_traits::pow(BigInt::from(10), scale.unsigned_abs() as usize));
            let digits = BigRational::from_integer(digits);
            let expected = if scale >= 0 { digits * factor } else { digits / factor };
            prop_assert_eq!(Rational::parse(&text).unwrap(), Rational(expected));
        }

        /// `p/q` with any signs and spaces is the fraction; a zero `q` is refused as such.
        #[test]
        fn fractions_parse_to_their_value(p in big(), q in big()) {
            let text = format!(" {p} / {q} ");
            match Rational::parse(&text) {
                Ok(r) => prop_assert_eq!(r, Rational(BigRational::new(p, q))),
                Err(e) => prop_assert!(q.is_zero() && matches!(e, RationalParseError::ZeroDenominator(_))),
            }
        }

        /// Any text: a number or an error, never a panic; a number it reads prints as text
        /// that reads back to it.
        #[test]
        fn any_text_parses_or_is_refused(
            text in prop_oneof![r"[-+0-9.,/eE ]{0,14}", any::<String>()],
        ) {
            if let Ok(r) = Rational::parse(&text) {
                prop_assert_eq!(Rational::parse(&r.to_string()).unwrap(), r);
            }
        }

        /// Money and rationals agree: an amount converts both ways, and a rational is an
        /// amount exactly when it is a whole number of hundredths that fits.
        #[test]
        fn money_converts_exactly(minor: i64, r in rational()) {
            let money = Money::from_minor(minor);
            prop_assert_eq!(Rational::from(money).to_money(), Some(money));
            let hundredths = &r.0 * BigRational::from_integer(BigInt::from(100));
            let fits = hundredths.is_integer() && hundredths.to_integer().to_i64().is_some();
            prop_assert_eq!(r.to_money().is_some(), fits);
        }
    }
}
