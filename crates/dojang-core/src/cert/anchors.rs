//! The public Korean PKI Dojang ships: KISA's roots and the licensed CAs' issuing
//! certificates under them (`data/korean-pki/`, each file named by its SHA-256 and listed
//! in `SHA256SUMS.txt` there).
//!
//! - **KISA RootCA 4** (to 2030) is the root every licensed CA's current certificates chain
//!   to; its issuing CAs are yessignCA Class 1–3, CrossCertCA2–4, SignKorea CA2–4,
//!   TradeSignCA2–4 and signGATE CA4–6 (KICA).
//! - **KISA RootCA 1** expired on 2025-08-24. It and its 2005 generation of CAs are kept
//!   only to explain old certificates: a path through them fails on its expired links at
//!   any time after that, with that reason.
//!
//! Roots are trust anchors; the issuing certificates are only candidates for a path, and
//! each must verify under its root like any other CA certificate
//! ([`chain`](super::chain)). A distribution may add roots of its own (its pins).

/// One certificate of the bundled set.
#[derive(Debug, Clone, Copy)]
pub struct Bundled {
    /// Its file name in `data/korean-pki/`: the subject's name and the first 8 hex digits
    /// of its SHA-256.
    pub file: &'static str,
    /// The certificate, DER.
    pub der: &'static [u8],
}

macro_rules! bundled {
    ($file:literal) => {
        Bundled {
            file: $file,
            der: include_bytes!(concat!("../../data/korean-pki/", $file)),
        }
    };
}

/// The bundled certificates, roots first.
pub static KOREAN_PKI: &[Bundled] = &[
    bundled!("KISA_RootCA_4_a002ff55.der"),
    bundled!("KISA_RootCA_1_6fdb3f76.der"),
    bundled!("yessignCA_Class_1_e9eeaa94.der"),
    bundled!("yessignCA_Class_2_e66c3bb0.der"),
    bundled!("yessignCA_Class_3_0a54ef7e.der"),
    bundled!("CrossCertCA2_e5415384.der"),
    bundled!("CrossCertCA3_1a37a4bb.der"),
    bundled!("CrossCertCA4_c7797400.der"),
    bundled!("SignKorea_CA2_efb2bac7.der"),
    bundled!("SignKorea_CA3_f3f56cd4.der"),
    bundled!("SignKorea_CA4_636f48b8.der"),
    bundled!("TradeSignCA2_16afc10a.der"),
    bundled!("TradeSignCA3_df545cde.der"),
    bundled!("TradeSignCA4_2a4724aa.der"),
    bundled!("signGATE_CA4_87e8d328.der"),
    bundled!("signGATE_CA5_3b66ef21.der"),
    bundled!("signGATE_CA6_75c53536.der"),
    // KISA RootCA 1's generation (expired).
    bundled!("yessignCA_7c48fd35.der"),
    bundled!("CrossCert_Certificate_Authority_880febb8.der"),
    bundled!("SignKorea_CA_6b24a73e.der"),
    bundled!("TradeSignCA_88c27484.der"),
    bundled!("signGATE_CA2_1fccbd01.der"),
    bundled!("NCASignCA_d5d1fd46.der"),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cert::certificate_id;

    const SUMS: &str = include_str!("../../data/korean-pki/SHA256SUMS.txt");

    #[test]
    fn every_bundled_certificate_is_the_one_its_sum_names() {
        let listed: Vec<(&str, &str)> = SUMS
            .lines()
            .filter_map(|line| {
                let mut words = line.split_whitespace();
                Some((words.next()?, words.next()?))
            })
            .collect();
        assert_eq!(
            listed.len(),
            KOREAN_PKI.len(),
            "every listed file is bundled"
        );
        for bundled in KOREAN_PKI {
            let sum = certificate_id(bundled.der);
            let (listed_sum, _) = listed
                .iter()
                .find(|(_, file)| *file == bundled.file)
                .unwrap_or_else(|| panic!("{} is not in SHA256SUMS.txt", bundled.file));
            assert_eq!(&sum, listed_sum, "{}", bundled.file);
            let stem = bundled.file.trim_end_matches(".der");
            assert!(
                stem.ends_with(&sum[..8]),
                "{} is named by its sum",
                bundled.file
            );
        }
    }

    #[test]
    fn every_issuing_ca_validates_under_its_kisa_root_while_both_are_valid() {
        use crate::cert::chain::{LinkSource, Pool};
        use x509_parser::prelude::{FromDer, X509Certificate};

        let pool = Pool::bundled();
        assert_eq!(pool.len(), KOREAN_PKI.len());
        let root_of_generation = |der: &[u8]| {
            let (_, cert) = X509Certificate::from_der(der).unwrap();
            cert.issuer().to_string()
        };
        for bundled in &KOREAN_PKI[2..] {
            let (_, cert) = X509Certificate::from_der(bundled.der).unwrap();
            let root = KOREAN_PKI[..2]
                .iter()
                .find(|r| root_of_generation(r.der) == cert.issuer().to_string())
                .unwrap_or_else(|| panic!("{}: no KISA root issued it", bundled.file));
            let (_, root_cert) = X509Certificate::from_der(root.der).unwrap();
            // A time when both were valid.
            let from = cert.validity().not_before.to_datetime();
            let to = cert
                .validity()
                .not_after
                .to_datetime()
                .min(root_cert.validity().not_after.to_datetime());
            let at = from + (to - from) / 2;
            let chain = pool.validate(bundled.der, at).unwrap();
            assert!(chain.valid, "{}: {:?}", bundled.file, chain.problem);
            assert_eq!(chain.links.len(), 2, "{}", bundled.file);
            assert_eq!(chain.links[1].id, certificate_id(root.der));
            assert!(chain.links[1].anchor && chain.links[1].source == LinkSource::Bundled);
            // After its root expired, no certificate of RootCA 1's generation validates.
            if root.file.starts_with("KISA_RootCA_1") {
                let now = time::OffsetDateTime::now_utc();
                assert!(!pool.validate(bundled.der, now).unwrap().valid);
            }
        }
    }
}
