//! Private keys: the key itself (PKCS#8 with the NPKI randomNum attribute), the encrypted
//! NPKI key files it is kept in (`signPri.key`, `kmPri.key`), the SEED cipher those
//! files need, and a key generated ahead of an issuance.

pub mod encrypted;
pub mod prepared;
pub mod private_key;
pub mod seed;
