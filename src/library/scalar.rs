//! Strict scalars for the YAML files: a number is written as a number (`hold: "45"` is
//! a mistake, not 45), and a one-line field (an id, a name, a zone) holds no line break
//! that could forge extra lines in plain mode's output. Used through
//! `#[serde(deserialize_with = ...)]` so the field types stay plain `u32` and [`Text`].

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

use crate::text::{echo, forbidden_char};

/// Text from a routine file, with where it starts. A control character is not a
/// parse error here: it is recorded so that [`super::yaml::RawFile::forbidden_text`] can point at
/// the exact scalar, including escapes such as `"\e"` that only exist once a
/// double-quoted string is decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub value: String,
    pub at: Location,
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<String>::deserialize(d)?;
        // Invisible characters that terminals disagree about would shift the panes.
        Ok(Text {
            value: crate::text::without_invisible(s.value.trim_end()),
            at: s.referenced,
        })
    }
}

impl Text {
    pub fn into_string(self) -> String {
        self.value
    }

    pub(super) fn forbidden(&self) -> Option<(Location, char)> {
        self.value
            .chars()
            .find(|&c| forbidden_char(c))
            .map(|c| (self.at, c))
    }
}

/// What a YAML value was, for messages: "the text `45`", "a list".
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Whole(u64),
    Negative(i64),
    Fraction(f64),
    Bool(bool),
    Text(String),
    Nothing,
    List(Vec<Scalar>),
    /// Its entries, each with its place (config's `keys:` reads them).
    Mapping(Vec<(Spanned<Scalar>, Spanned<Scalar>)>),
}

impl Scalar {
    /// The value in words, for "expected …, found {}".
    pub fn describe(&self) -> String {
        match self {
            Scalar::Whole(n) => n.to_string(),
            Scalar::Negative(n) => n.to_string(),
            Scalar::Fraction(f) => f.to_string(),
            Scalar::Bool(b) => b.to_string(),
            Scalar::Text(s) => format!("the text `{}`", echo(s)),
            Scalar::Nothing => "nothing".to_string(),
            Scalar::List(_) => "a list".to_string(),
            Scalar::Mapping(_) => "a mapping".to_string(),
        }
    }

    /// A whole number of 0 to `u32::MAX`, or why not.
    pub fn whole(&self) -> Result<u32, String> {
        match self {
            Scalar::Whole(n) => {
                u32::try_from(*n).map_err(|_| format!("{n} is far too large for this value"))
            }
            Scalar::Text(s) if s.trim().parse::<u64>().is_ok() => Err(format!(
                "expected a number, found the text `{}`: remove the quotes",
                echo(s)
            )),
            Scalar::Negative(_) => Err(format!(
                "expected a whole number of 0 or more, found {}",
                self.describe()
            )),
            other => Err(format!(
                "expected a whole number, found {}",
                other.describe()
            )),
        }
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
        Ok(Scalar::Whole(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
        Ok(u64::try_from(v).map_or(Scalar::Negative(v), Scalar::Whole))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Scalar, E> {
        Ok(Scalar::Whole(u64::try_from(v).unwrap_or(u64::MAX)))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Scalar, E> {
        Ok(match (u64::try_from(v), i64::try_from(v)) {
            (Ok(v), _) => Scalar::Whole(v),
            (_, Ok(v)) => Scalar::Negative(v),
            _ if v < 0 => Scalar::Negative(i64::MIN),
            _ => Scalar::Whole(u64::MAX),
        })
    }
    fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
        Ok(Scalar::Fraction(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
        Ok(Scalar::Text(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
        Ok(Scalar::Text(v))
    }
    fn visit_unit<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Nothing)
    }
    fn visit_none<E>(self) -> Result<Scalar, E> {
        Ok(Scalar::Nothing)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Scalar>()? {
            items.push(item);
        }
        Ok(Scalar::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry::<Spanned<Scalar>, Spanned<Scalar>>()? {
            entries.push(entry);
        }
        Ok(Scalar::Mapping(entries))
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

/// A whole number written as a number.
struct Whole(u32);

impl<'de> Deserialize<'de> for Whole {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Scalar::deserialize(d)?
            .whole()
            .map(Whole)
            .map_err(de::Error::custom)
    }
}

pub fn whole<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    Whole::deserialize(d).map(|w| w.0)
}

pub fn opt_whole<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    whole(d).map(Some)
}

pub fn spanned_whole<'de, D: Deserializer<'de>>(d: D) -> Result<Spanned<u32>, D::Error> {
    let s = Spanned::<Whole>::deserialize(d)?;
    Ok(Spanned {
        value: s.value.0,
        referenced: s.referenced,
        defined: s.defined,
    })
}

pub fn opt_spanned_whole<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Spanned<u32>>, D::Error> {
    spanned_whole(d).map(Some)
}

fn check_one_line<E: de::Error>(t: Text) -> Result<Text, E> {
    if t.value.chars().any(crate::text::line_break) {
        return Err(E::custom(
            "this field is one line: remove the line break (use a description for longer text)",
        ));
    }
    Ok(t)
}

pub fn one_line<'de, D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
    check_one_line(Text::deserialize(d)?)
}

pub fn opt_one_line<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Text>, D::Error> {
    one_line(d).map(Some)
}

pub fn one_line_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Text>, D::Error> {
    Vec::<Text>::deserialize(d)?
        .into_iter()
        .map(check_one_line)
        .collect()
}

/// An id: one line, as written (its format is checked when ids are merged).
pub fn id<'de, D: Deserializer<'de>>(d: D) -> Result<Spanned<String>, D::Error> {
    let s = Spanned::<String>::deserialize(d)?;
    if s.value
        .chars()
        .any(|c| crate::text::line_break(c) || crate::text::bidi_control(c))
    {
        return Err(de::Error::custom(
            "an id is one line of plain text: remove the line break or control character",
        ));
    }
    Ok(s)
}

/// An optional id (see [`id`]).
pub fn opt_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Spanned<String>>, D::Error> {
    id(d).map(Some)
}
