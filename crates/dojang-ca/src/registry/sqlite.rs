//! The embedded registry: one SQLite file (`registry.sqlite` in the CA's folder, mode
//! 0600 — it holds the codes and ID numbers of the sandbox's applicants). Writes run in
//! `BEGIN IMMEDIATE` transactions, so the server and an admin command in another process
//! see the same rules; WAL lets readers go on meanwhile.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};
use time::OffsetDateTime;

use super::{
    Application, ApplicationKind, ApplicationState, CertificateRecord, CertificateState,
    ConfirmOutcome, MAX_FAILED_ATTEMPTS, NewApplication, Refusal, Registry, Reservation,
    RevokeOutcome, Transaction, TransactionKind, TransactionState,
};
use crate::authority::RevocationReasonName;
use crate::error::Result;

const SCHEMA: &str = r"
CREATE TABLE IF NOT EXISTS settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS applications (
    id                 INTEGER PRIMARY KEY,
    application_number TEXT NOT NULL UNIQUE,
    reference_number   TEXT NOT NULL UNIQUE,
    authorization_code TEXT NOT NULL,
    temporary_code     TEXT NOT NULL,
    name               TEXT NOT NULL,
    id_number          TEXT NOT NULL,
    kind               TEXT NOT NULL,
    applied_at         INTEGER NOT NULL,
    failed_attempts    INTEGER NOT NULL DEFAULT 0,
    state              TEXT NOT NULL DEFAULT 'open',
    checks_in_flight   INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS certificates (
    serial            TEXT PRIMARY KEY,
    application_id    INTEGER REFERENCES applications(id),
    renewed_from      TEXT,
    name              TEXT NOT NULL,
    id_number         TEXT NOT NULL,
    cn_serial         TEXT NOT NULL,
    subject           TEXT NOT NULL,
    der               BLOB NOT NULL,
    not_before        INTEGER NOT NULL,
    not_after         INTEGER NOT NULL,
    state             TEXT NOT NULL,
    revoked_at        INTEGER,
    revocation_reason TEXT
);
CREATE INDEX IF NOT EXISTS certificates_by_subscriber ON certificates(id_number, state);
CREATE TABLE IF NOT EXISTS transactions (
    id             BLOB PRIMARY KEY,
    kind           TEXT NOT NULL,
    application_id INTEGER REFERENCES applications(id),
    old_serial     TEXT,
    sender_kid     BLOB NOT NULL,
    server_nonce   BLOB NOT NULL,
    serial         TEXT REFERENCES certificates(serial),
    cert_req_id    INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    state          TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS transactions_by_application ON transactions(application_id, state);
CREATE INDEX IF NOT EXISTS transactions_by_old_serial ON transactions(old_serial, state);
";

/// The SQLite registry.
pub struct SqliteRegistry {
    connection: Mutex<Connection>,
}

fn time(seconds: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(seconds).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

fn application_from_row(row: &Row<'_>) -> rusqlite::Result<Application> {
    Ok(Application {
        id: row.get("id")?,
        details: NewApplication {
            application_number: row.get("application_number")?,
            reference_number: row.get("reference_number")?,
            authorization_code: row.get("authorization_code")?,
            temporary_code: row.get("temporary_code")?,
            name: row.get("name")?,
            id_number: row.get("id_number")?,
            kind: ApplicationKind::parse(&row.get::<_, String>("kind")?)
                .unwrap_or(ApplicationKind::New),
            applied_at: time(row.get("applied_at")?),
        },
        failed_attempts: row.get("failed_attempts")?,
        state: ApplicationState::parse(&row.get::<_, String>("state")?),
    })
}

fn transaction_from_row(row: &Row<'_>) -> rusqlite::Result<Transaction> {
    Ok(Transaction {
        id: row.get("id")?,
        kind: TransactionKind::parse(&row.get::<_, String>("kind")?),
        application_id: row.get("application_id")?,
        old_serial: row.get("old_serial")?,
        sender_kid: row.get("sender_kid")?,
        server_nonce: row.get("server_nonce")?,
        serial: row.get("serial")?,
        cert_req_id: row.get("cert_req_id")?,
        created_at: time(row.get("created_at")?),
        expires_at: time(row.get("expires_at")?),
        state: TransactionState::parse(&row.get::<_, String>("state")?),
    })
}

fn certificate_from_row(row: &Row<'_>) -> rusqlite::Result<CertificateRecord> {
    Ok(CertificateRecord {
        serial: row.get("serial")?,
        application_id: row.get("application_id")?,
        renewed_from: row.get("renewed_from")?,
        name: row.get("name")?,
        id_number: row.get("id_number")?,
        cn_serial: row.get("cn_serial")?,
        subject: row.get("subject")?,
        der: row.get("der")?,
        not_before: time(row.get("not_before")?),
        not_after: time(row.get("not_after")?),
        state: CertificateState::parse(&row.get::<_, String>("state")?),
        revoked_at: row.get::<_, Option<i64>>("revoked_at")?.map(time),
        revocation_reason: row
            .get::<_, Option<String>>("revocation_reason")?
            .and_then(|r| RevocationReasonName::parse(&r)),
    })
}

fn insert_transaction(db: &Connection, t: &Transaction) -> rusqlite::Result<()> {
    db.execute(
        "INSERT INTO transactions (id, kind, application_id, old_serial, sender_kid,
             server_nonce, serial, cert_req_id, created_at, expires_at, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            t.id,
            t.kind.name(),
            t.application_id,
            t.old_serial,
            t.sender_kid,
            t.server_nonce,
            t.serial,
            t.cert_req_id,
            t.created_at.unix_timestamp(),
            t.expires_at.unix_timestamp(),
            t.state.name(),
        ],
    )?;
    Ok(())
}

fn insert_certificate(db: &Connection, c: &CertificateRecord) -> rusqlite::Result<()> {
    db.execute(
        "INSERT INTO certificates (serial, application_id, renewed_from, name, id_number,
             cn_serial, subject, der, not_before, not_after, state)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            c.serial,
            c.application_id,
            c.renewed_from,
            c.name,
            c.id_number,
            c.cn_serial,
            c.subject,
            c.der,
            c.not_before.unix_timestamp(),
            c.not_after.unix_timestamp(),
            c.state.name(),
        ],
    )?;
    Ok(())
}

/// Expires the pending transactions matching `condition` (with one parameter) whose
/// time is up, withdrawing their certificates.
fn expire_stale(
    db: &Connection,
    condition: &str,
    value: &dyn rusqlite::ToSql,
    now: i64,
) -> rusqlite::Result<()> {
    db.execute(
        &format!(
            "UPDATE certificates SET state = 'withdrawn' WHERE state = 'pending' AND serial IN
             (SELECT serial FROM transactions
              WHERE {condition} AND state = 'pending' AND expires_at <= ?2)"
        ),
        params![value, now],
    )?;
    db.execute(
        &format!(
            "UPDATE transactions SET state = 'expired'
             WHERE {condition} AND state = 'pending' AND expires_at <= ?2"
        ),
        params![value, now],
    )?;
    Ok(())
}

fn transaction_exists(db: &Connection, id: &[u8]) -> rusqlite::Result<bool> {
    db.query_row(
        "SELECT EXISTS (SELECT 1 FROM transactions WHERE id = ?1)",
        [id],
        |row| row.get(0),
    )
}

impl SqliteRegistry {
    /// Opens (creating if needed) the registry file at `path`.
    pub fn open(path: &Path) -> Result<Self> {
        let new = !path.exists();
        let connection = Connection::open(path)?;
        #[cfg(unix)]
        if new {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .map_err(|e| crate::error::CaError::file(path, e))?;
        }
        #[cfg(not(unix))]
        let _ = new;
        connection.busy_timeout(std::time::Duration::from_secs(30))?;
        connection.pragma_update(None, "journal_mode", "WAL")?;
        connection.pragma_update(None, "synchronous", "NORMAL")?;
        connection.pragma_update(None, "foreign_keys", "ON")?;
        connection.execute_batch(SCHEMA)?;
        // A registry made before checks were reserved gets the column.
        let has_column: bool = connection
            .prepare(
                "SELECT 1 FROM pragma_table_info('applications') WHERE name = 'checks_in_flight'",
            )?
            .exists([])?;
        if !has_column {
            connection.execute_batch(
                "ALTER TABLE applications ADD COLUMN checks_in_flight INTEGER NOT NULL DEFAULT 0",
            )?;
        }
        Ok(SqliteRegistry {
            connection: Mutex::new(connection),
        })
    }

    fn with<T>(&self, f: impl FnOnce(&mut Connection) -> rusqlite::Result<T>) -> Result<T> {
        // A panic while holding the lock leaves the connection usable: SQLite rolls back
        // an unfinished transaction when its guard drops.
        let mut connection = match self.connection.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        Ok(f(&mut connection)?)
    }

    fn write<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<T>,
    ) -> Result<T> {
        self.with(|db| {
            let tx = db.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        })
    }

    fn find_application(
        &self,
        column: &str,
        value: &dyn rusqlite::ToSql,
    ) -> Result<Option<Application>> {
        self.with(|db| {
            db.query_row(
                &format!("SELECT * FROM applications WHERE {column} = ?1"),
                [value],
                application_from_row,
            )
            .optional()
        })
    }
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(
        e,
        rusqlite::Error::SqliteFailure(f, _)
            if f.code == rusqlite::ErrorCode::ConstraintViolation
    )
}

impl Registry for SqliteRegistry {
    fn setting(&self, key: &str) -> Result<Option<String>> {
        self.with(|db| {
            db.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
        })
    }

    fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.write(|db| {
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, value],
            )
            .map(|_| ())
        })
    }

    fn create_application(&self, a: &NewApplication) -> Result<Option<Application>> {
        let inserted = self.write(|db| {
            let result = db.execute(
                "INSERT INTO applications (application_number, reference_number,
                     authorization_code, temporary_code, name, id_number, kind, applied_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    a.application_number,
                    a.reference_number,
                    a.authorization_code,
                    a.temporary_code,
                    a.name,
                    a.id_number,
                    a.kind.name(),
                    a.applied_at.unix_timestamp(),
                ],
            );
            match result {
                Ok(_) => Ok(Some(db.last_insert_rowid())),
                Err(e) if is_unique_violation(&e) => Ok(None),
                Err(e) => Err(e),
            }
        })?;
        match inserted {
            Some(id) => self.application(id),
            None => Ok(None),
        }
    }

    fn application_by_reference(&self, reference_number: &str) -> Result<Option<Application>> {
        self.find_application("reference_number", &reference_number)
    }

    fn application_by_number(&self, application_number: &str) -> Result<Option<Application>> {
        self.find_application("application_number", &application_number)
    }

    fn application(&self, id: i64) -> Result<Option<Application>> {
        self.find_application("id", &id)
    }

    fn reserve_attempt(&self, application_id: i64) -> Result<Reservation> {
        self.write(|db| {
            let (failed, in_flight, state): (u32, u32, String) = db.query_row(
                "SELECT failed_attempts, checks_in_flight, state FROM applications WHERE id = ?1",
                [application_id],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )?;
            if state == ApplicationState::Locked.name() || failed >= MAX_FAILED_ATTEMPTS {
                return Ok(Reservation::Locked);
            }
            if failed + in_flight >= MAX_FAILED_ATTEMPTS {
                return Ok(Reservation::Busy);
            }
            db.execute(
                "UPDATE applications SET checks_in_flight = checks_in_flight + 1 WHERE id = ?1",
                [application_id],
            )?;
            Ok(Reservation::Reserved)
        })
    }

    fn release_attempt(&self, application_id: i64) -> Result<()> {
        self.write(|db| {
            db.execute(
                "UPDATE applications SET checks_in_flight = max(checks_in_flight - 1, 0)
                 WHERE id = ?1",
                [application_id],
            )?;
            Ok(())
        })
    }

    fn forget_checks_in_flight(&self) -> Result<()> {
        self.write(|db| {
            db.execute("UPDATE applications SET checks_in_flight = 0", [])?;
            Ok(())
        })
    }

    fn settle_failed_attempt(&self, application_id: i64) -> Result<Option<Application>> {
        self.write(|db| {
            db.execute(
                "UPDATE applications SET
                     checks_in_flight = max(checks_in_flight - 1, 0),
                     failed_attempts = failed_attempts + 1,
                     state = CASE WHEN state = 'open' AND failed_attempts + 1 >= ?2
                                  THEN 'locked' ELSE state END
                 WHERE id = ?1",
                params![application_id, MAX_FAILED_ATTEMPTS],
            )?;
            db.query_row(
                "SELECT * FROM applications WHERE id = ?1",
                [application_id],
                application_from_row,
            )
            .optional()
        })
    }

    fn transaction_exists(&self, transaction_id: &[u8]) -> Result<bool> {
        self.with(|db| transaction_exists(db, transaction_id))
    }

    fn begin_enrolment(
        &self,
        transaction: &Transaction,
        certificate: &CertificateRecord,
        now: OffsetDateTime,
    ) -> Result<std::result::Result<(), Refusal>> {
        let Some(application_id) = transaction.application_id else {
            return Ok(Err(Refusal::InProgress));
        };
        self.write(|db| {
            let application = db.query_row(
                "SELECT * FROM applications WHERE id = ?1",
                [application_id],
                application_from_row,
            )?;
            if application.state == ApplicationState::Locked {
                return Ok(Err(Refusal::Locked));
            }
            if application.is_expired(now) {
                return Ok(Err(Refusal::Expired));
            }
            if application.state == ApplicationState::Issued {
                return Ok(Err(Refusal::AlreadyIssued));
            }
            if transaction_exists(db, &transaction.id)? {
                return Ok(Err(Refusal::TransactionIdInUse));
            }
            expire_stale(
                db,
                "application_id = ?1",
                &application_id,
                now.unix_timestamp(),
            )?;
            let pending: i64 = db.query_row(
                "SELECT COUNT(*) FROM transactions WHERE application_id = ?1 AND state = 'pending'",
                [application_id],
                |r| r.get(0),
            )?;
            if pending > 0 {
                return Ok(Err(Refusal::InProgress));
            }
            insert_certificate(db, certificate)?;
            insert_transaction(db, transaction)?;
            Ok(Ok(()))
        })
    }

    fn begin_renewal(
        &self,
        transaction: &Transaction,
        certificate: &CertificateRecord,
        now: OffsetDateTime,
    ) -> Result<std::result::Result<(), Refusal>> {
        let Some(old_serial) = transaction.old_serial.as_deref() else {
            return Ok(Err(Refusal::CertificateRevoked));
        };
        self.write(|db| {
            let state: Option<String> = db
                .query_row(
                    "SELECT state FROM certificates WHERE serial = ?1",
                    [old_serial],
                    |r| r.get(0),
                )
                .optional()?;
            if state.as_deref() != Some(CertificateState::Valid.name()) {
                return Ok(Err(Refusal::CertificateRevoked));
            }
            if transaction_exists(db, &transaction.id)? {
                return Ok(Err(Refusal::TransactionIdInUse));
            }
            expire_stale(
                db,
                "kind = 'kur' AND old_serial = ?1",
                &old_serial,
                now.unix_timestamp(),
            )?;
            let pending: i64 = db.query_row(
                "SELECT COUNT(*) FROM transactions
                 WHERE kind = 'kur' AND old_serial = ?1 AND state = 'pending'",
                [old_serial],
                |r| r.get(0),
            )?;
            if pending > 0 {
                return Ok(Err(Refusal::InProgress));
            }
            insert_certificate(db, certificate)?;
            insert_transaction(db, transaction)?;
            Ok(Ok(()))
        })
    }

    fn transaction(&self, transaction_id: &[u8]) -> Result<Option<Transaction>> {
        self.with(|db| {
            db.query_row(
                "SELECT * FROM transactions WHERE id = ?1",
                [transaction_id],
                transaction_from_row,
            )
            .optional()
        })
    }

    fn confirm(
        &self,
        transaction_id: &[u8],
        accepted: bool,
        now: OffsetDateTime,
    ) -> Result<ConfirmOutcome> {
        self.write(|db| {
            let Some(t) = db
                .query_row(
                    "SELECT * FROM transactions WHERE id = ?1",
                    [transaction_id],
                    transaction_from_row,
                )
                .optional()?
            else {
                return Ok(ConfirmOutcome::Unknown);
            };
            if t.state != TransactionState::Pending {
                return Ok(ConfirmOutcome::Closed(t.state));
            }
            let close = |state: TransactionState, cert_state: CertificateState| {
                db.execute(
                    "UPDATE transactions SET state = ?2 WHERE id = ?1",
                    params![t.id, state.name()],
                )?;
                db.execute(
                    "UPDATE certificates SET state = ?2 WHERE serial = ?1",
                    params![t.serial, cert_state.name()],
                )
            };
            if t.expires_at <= now {
                close(TransactionState::Expired, CertificateState::Withdrawn)?;
                return Ok(ConfirmOutcome::Expired);
            }
            if !accepted {
                close(TransactionState::Rejected, CertificateState::Withdrawn)?;
                return Ok(ConfirmOutcome::Rejected);
            }
            close(TransactionState::Confirmed, CertificateState::Valid)?;
            let mut revoked = Vec::new();
            if let Some(application_id) = t.application_id {
                db.execute(
                    "UPDATE applications SET state = 'issued' WHERE id = ?1",
                    [application_id],
                )?;
                let (kind, id_number): (String, String) = db.query_row(
                    "SELECT kind, id_number FROM applications WHERE id = ?1",
                    [application_id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?;
                if kind == ApplicationKind::Reissue.name() {
                    let mut previous = db.prepare(
                        "SELECT serial FROM certificates
                         WHERE id_number = ?1 AND state = 'valid' AND serial != ?2",
                    )?;
                    revoked = previous
                        .query_map(params![id_number, t.serial], |r| r.get(0))?
                        .collect::<rusqlite::Result<Vec<String>>>()?;
                    for serial in &revoked {
                        db.execute(
                            "UPDATE certificates SET state = 'revoked', revoked_at = ?2,
                                 revocation_reason = ?3 WHERE serial = ?1",
                            params![
                                serial,
                                now.unix_timestamp(),
                                RevocationReasonName::Superseded.name()
                            ],
                        )?;
                    }
                }
            }
            Ok(ConfirmOutcome::Committed { revoked })
        })
    }

    fn certificate(&self, serial: &str) -> Result<Option<CertificateRecord>> {
        self.with(|db| {
            db.query_row(
                "SELECT * FROM certificates WHERE serial = ?1",
                [serial],
                certificate_from_row,
            )
            .optional()
        })
    }

    fn revoke(
        &self,
        serial: &str,
        reason: RevocationReasonName,
        now: OffsetDateTime,
        transaction: Option<&Transaction>,
    ) -> Result<RevokeOutcome> {
        self.write(|db| {
            if let Some(t) = transaction
                && transaction_exists(db, &t.id)?
            {
                return Ok(RevokeOutcome::TransactionIdInUse);
            }
            let state: Option<String> = db
                .query_row(
                    "SELECT state FROM certificates WHERE serial = ?1",
                    [serial],
                    |r| r.get(0),
                )
                .optional()?;
            let outcome = match state.map(|s| CertificateState::parse(&s)) {
                None => RevokeOutcome::Unknown,
                Some(CertificateState::Revoked) => RevokeOutcome::AlreadyRevoked,
                Some(CertificateState::Pending | CertificateState::Withdrawn) => {
                    RevokeOutcome::NotInForce
                }
                Some(CertificateState::Valid) => {
                    db.execute(
                        "UPDATE certificates SET state = 'revoked', revoked_at = ?2,
                             revocation_reason = ?3 WHERE serial = ?1",
                        params![serial, now.unix_timestamp(), reason.name()],
                    )?;
                    RevokeOutcome::Revoked
                }
            };
            if let Some(t) = transaction {
                insert_transaction(db, t)?;
            }
            Ok(outcome)
        })
    }

    fn applications(&self) -> Result<Vec<Application>> {
        self.with(|db| {
            let mut statement = db.prepare("SELECT * FROM applications ORDER BY id")?;
            let rows = statement.query_map([], application_from_row)?;
            rows.collect()
        })
    }

    fn certificates(&self) -> Result<Vec<CertificateRecord>> {
        self.with(|db| {
            let mut statement = db.prepare("SELECT * FROM certificates ORDER BY rowid")?;
            let rows = statement.query_map([], certificate_from_row)?;
            rows.collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{ApplicationKind, NewApplication};
    use time::Duration;

    fn application(n: u32) -> NewApplication {
        NewApplication {
            application_number: format!("{n:010}"),
            reference_number: format!("{n:08}"),
            authorization_code: "AuthorizationCode23".to_owned(),
            temporary_code: "Temporary2".to_owned(),
            name: "홍길동".to_owned(),
            id_number: "9001011234567".to_owned(),
            kind: ApplicationKind::New,
            applied_at: OffsetDateTime::now_utc(),
        }
    }

    fn enrolment(
        id: u8,
        application_id: i64,
        now: OffsetDateTime,
    ) -> (Transaction, CertificateRecord) {
        let serial = format!("{id:02x}");
        (
            Transaction {
                id: vec![id; 16],
                kind: TransactionKind::Enrolment,
                application_id: Some(application_id),
                old_serial: None,
                sender_kid: b"00000001".to_vec(),
                server_nonce: vec![0; 16],
                serial: Some(serial.clone()),
                cert_req_id: 0,
                created_at: now,
                expires_at: now + Duration::minutes(5),
                state: TransactionState::Pending,
            },
            CertificateRecord {
                serial,
                application_id: Some(application_id),
                renewed_from: None,
                name: "홍길동".to_owned(),
                id_number: "9001011234567".to_owned(),
                cn_serial: "0012".to_owned(),
                subject: "cn=홍길동()0012".to_owned(),
                der: vec![0x30, 0x00],
                not_before: now,
                not_after: now + Duration::days(365),
                state: CertificateState::Pending,
                revoked_at: None,
                revocation_reason: None,
            },
        )
    }

    #[test]
    fn separate_connections_racing_on_one_application_reserve_it_once() {
        // Two processes (here: two connections) share the file; BEGIN IMMEDIATE
        // serialises their decisions.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("registry.sqlite");
        let a = std::sync::Arc::new(SqliteRegistry::open(&path).unwrap());
        let b = std::sync::Arc::new(SqliteRegistry::open(&path).unwrap());
        let app = a.create_application(&application(1)).unwrap().unwrap();
        let now = OffsetDateTime::now_utc();
        let winners: usize = (0..16u8)
            .map(|i| {
                let registry = if i % 2 == 0 { a.clone() } else { b.clone() };
                std::thread::spawn(move || {
                    let (t, c) = enrolment(i + 1, app.id, now);
                    registry.begin_enrolment(&t, &c, now).unwrap().is_ok()
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| usize::from(t.join().unwrap()))
            .sum();
        assert_eq!(winners, 1);
    }

    #[test]
    fn concurrent_checks_never_pass_the_attempt_limit() {
        let dir = tempfile::tempdir().unwrap();
        let registry =
            std::sync::Arc::new(SqliteRegistry::open(&dir.path().join("r.sqlite")).unwrap());
        let app = registry
            .create_application(&application(8))
            .unwrap()
            .unwrap();
        // Twenty guesses at once, each holding its reservation while "checking".
        let barrier = std::sync::Arc::new(std::sync::Barrier::new(20));
        let reserved: usize = (0..20)
            .map(|_| {
                let (registry, barrier) = (registry.clone(), barrier.clone());
                std::thread::spawn(move || {
                    barrier.wait();
                    registry.reserve_attempt(app.id).unwrap()
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| usize::from(t.join().unwrap() == Reservation::Reserved))
            .sum();
        assert_eq!(reserved, MAX_FAILED_ATTEMPTS as usize);
        // The others were told to come back, not that the application is locked.
        assert_eq!(registry.reserve_attempt(app.id).unwrap(), Reservation::Busy);
        // A stopped server's checks are forgotten when the next one starts.
        registry.forget_checks_in_flight().unwrap();
        assert_eq!(
            registry.reserve_attempt(app.id).unwrap(),
            Reservation::Reserved
        );
    }

    #[test]
    fn the_fifth_wrong_code_locks_and_taken_numbers_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let registry = SqliteRegistry::open(&dir.path().join("r.sqlite")).unwrap();
        let app = registry
            .create_application(&application(7))
            .unwrap()
            .unwrap();
        assert!(
            registry
                .create_application(&application(7))
                .unwrap()
                .is_none()
        );
        // A right code's reservation is released: it never counts.
        assert_eq!(
            registry.reserve_attempt(app.id).unwrap(),
            Reservation::Reserved
        );
        registry.release_attempt(app.id).unwrap();
        for attempt in 1..=5u32 {
            assert_eq!(
                registry.reserve_attempt(app.id).unwrap(),
                Reservation::Reserved
            );
            let now = registry.settle_failed_attempt(app.id).unwrap().unwrap();
            assert_eq!(now.failed_attempts, attempt);
            let locked = now.state == ApplicationState::Locked;
            assert_eq!(locked, attempt == 5);
        }
        assert_eq!(
            registry.reserve_attempt(app.id).unwrap(),
            Reservation::Locked,
            "no sixth check"
        );
        let now = OffsetDateTime::now_utc();
        let (t, c) = enrolment(9, app.id, now);
        assert_eq!(
            registry.begin_enrolment(&t, &c, now).unwrap(),
            Err(Refusal::Locked)
        );
    }
}
