//! `Serialize` / `Deserialize` for the values a shop stores or logs (feature `serde`): a status
//! as its code, an amount in minor units, an NCERROR as its number, a feedback key as its text,
//! outcomes and payment states as kebab-case words. Deserializing checks what parsing checks:
//! an unknown status code, an amount over the maximum or a malformed key is an error.

use alloc::string::String;

use serde::de::{Deserialize, Deserializer, Error as _};
use serde::ser::{Serialize, Serializer};

use crate::protocol::amount::Amount;
use crate::protocol::feedback::key::FeedbackKey;
use crate::protocol::status::{NcError, Status};

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.code())
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = u8::deserialize(deserializer)?;
        Status::from_code(code).ok_or_else(|| D::Error::custom("not a known STATUS code"))
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(self.minor_units())
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Amount::from_minor_units(u64::deserialize(deserializer)?).map_err(D::Error::custom)
    }
}

impl Serialize for NcError {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(self.code())
    }
}

impl<'de> Deserialize<'de> for NcError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = u32::deserialize(deserializer)?;
        NcError::from_code(code).ok_or_else(|| D::Error::custom("not 0 or an 8-digit NCERROR"))
    }
}

impl Serialize for FeedbackKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for FeedbackKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer)?
            .parse()
            .map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Amount, FeedbackKey, NcError, Outcome, PaymentState, Status};

    #[test]
    fn round_trips_through_json() {
        let status = Status::PaymentRequested;
        assert_eq!(serde_json::to_string(&status).unwrap(), "9");
        assert_eq!(serde_json::from_str::<Status>("9").unwrap(), status);
        assert!(serde_json::from_str::<Status>("3").is_err());
        let amount = Amount::from_minor_units(4250).unwrap();
        assert_eq!(serde_json::to_string(&amount).unwrap(), "4250");
        assert_eq!(serde_json::from_str::<Amount>("4250").unwrap(), amount);
        assert!(serde_json::from_str::<Amount>("100000000000").is_err());
        let nc = NcError::parse("50001184").unwrap();
        assert_eq!(serde_json::to_string(&nc).unwrap(), "50001184");
        assert_eq!(serde_json::from_str::<NcError>("50001184").unwrap(), nc);
        assert!(serde_json::from_str::<NcError>("1184").is_err());
        let key: FeedbackKey = "2:12/8:32100123/1:0/9".parse().unwrap();
        let json = serde_json::to_string(&key).unwrap();
        assert_eq!(json, "\"2:12/8:32100123/1:0/9\"");
        assert_eq!(serde_json::from_str::<FeedbackKey>(&json).unwrap(), key);
        assert!(serde_json::from_str::<FeedbackKey>("\"2:12\"").is_err());
        assert_eq!(
            serde_json::to_string(&Outcome::FailedOrUncertain).unwrap(),
            "\"failed-or-uncertain\""
        );
        assert_eq!(
            serde_json::from_str::<Outcome>("\"succeeded\"").unwrap(),
            Outcome::Succeeded
        );
        for state in [PaymentState::CapturePending, PaymentState::Refunded] {
            let json = serde_json::to_string(&state).unwrap();
            assert_eq!(json, format!("\"{}\"", state.as_str()));
            assert_eq!(serde_json::from_str::<PaymentState>(&json).unwrap(), state);
        }
    }
}
