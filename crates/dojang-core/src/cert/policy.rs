//! Purpose labels from certificate-policy OIDs.
//!
//! The table is data (`data/policies.json`), not code: a new CA policy is one line there.
//! Purposes are codes; the UI and CLI catalogs hold the Korean and English words.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a certificate may be used for, read from its first certificate-policy OID.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Purpose {
    /// 개인 범용: an individual's certificate for every purpose.
    PersonalGeneral,
    /// 법인 범용: a company's certificate for every purpose.
    CorporateGeneral,
    /// 개인 용도제한 (은행·보험): an individual's, for banking and insurance only.
    PersonalBanking,
    /// 개인 용도제한 (증권): an individual's, for securities only.
    PersonalSecurities,
    /// 개인 용도제한 (카드): an individual's, for credit cards only.
    PersonalCard,
    /// 개인 용도제한: an individual's, restricted to some purposes.
    PersonalRestricted,
    /// 법인 용도제한: a company's, restricted to some purposes.
    CorporateRestricted,
    /// 법인 은행·보험: a company's, for banking and insurance only.
    CorporateBanking,
    /// 세금계산서: for electronic tax invoices.
    TaxInvoice,
    /// A CA's own certificate (basicConstraints with cA): it issues certificates rather
    /// than being used by a person.
    Authority,
    /// A policy OID that is not in the table (or no policy at all).
    Unknown,
}

/// What the table says about a certificate's first policy OID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyLabel {
    /// The purpose, `Unknown` when the OID is not in the table.
    pub purpose: Purpose,
    /// The CA the OID belongs to, from the exact entry or else from its prefix.
    pub ca: Option<&'static str>,
}

#[derive(Deserialize)]
struct PolicyTable {
    policies: Vec<PolicyEntry>,
    prefixes: Vec<PrefixEntry>,
}

#[derive(Deserialize)]
struct PolicyEntry {
    oid: String,
    ca: String,
    purpose: Purpose,
}

#[derive(Deserialize)]
struct PrefixEntry {
    prefix: String,
    ca: String,
}

static TABLE: LazyLock<PolicyTable> = LazyLock::new(|| {
    // The table is compiled in and checked by a unit test, so a parse failure here is a
    // build defect; an empty table keeps the viewer working (everything shows as Unknown).
    serde_json::from_str(include_str!("../../data/policies.json")).unwrap_or(PolicyTable {
        policies: Vec::new(),
        prefixes: Vec::new(),
    })
});

/// Looks up the label for a policy OID in dotted form.
pub fn label(oid: &str) -> PolicyLabel {
    if let Some(entry) = TABLE.policies.iter().find(|e| e.oid == oid) {
        return PolicyLabel {
            purpose: entry.purpose,
            ca: Some(entry.ca.as_str()),
        };
    }
    let ca = TABLE
        .prefixes
        .iter()
        .filter(|p| {
            oid.strip_prefix(p.prefix.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
        })
        .max_by_key(|p| p.prefix.len())
        .map(|p| p.ca.as_str());
    PolicyLabel {
        purpose: Purpose::Unknown,
        ca,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses_and_is_not_empty() {
        let table: PolicyTable =
            serde_json::from_str(include_str!("../../data/policies.json")).unwrap();
        assert!(table.policies.len() >= 24);
        assert!(table.prefixes.len() >= 7);
    }

    #[test]
    fn kica_personal_general_purpose_is_labelled() {
        let l = label("1.2.410.200004.5.2.1.2");
        assert_eq!(l.purpose, Purpose::PersonalGeneral);
        assert_eq!(l.ca, Some("KICA"));
    }

    #[test]
    fn unknown_oid_takes_the_ca_from_its_prefix() {
        let l = label("1.2.410.200005.1.1.99");
        assert_eq!(l.purpose, Purpose::Unknown);
        assert_eq!(l.ca, Some("yessign"));
        // A prefix matches only at an arc boundary.
        assert_eq!(label("1.2.410.2000051.1").ca, None);
        assert_eq!(label("2.5.29.32.0").purpose, Purpose::Unknown);
    }
}
