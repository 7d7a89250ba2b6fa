//! Private keys: the key itself (PKCS#8 with the NPKI randomNum attribute), the encrypted
//! NPKI key files it is kept in (`signPri.key`, `kmPri.key`) and the SEED cipher those
//! files need.

pub mod encrypted;
pub mod private_key;
pub mod seed;
