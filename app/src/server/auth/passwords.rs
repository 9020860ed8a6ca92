//! Argon2id password hashes, computed off the async runtime on a few threads of their own, each
//! with its own Argon2 memory, allocated once and reused.
//!
//! Each hash takes 19 MiB. Allocated anew for every hash (as the `argon2` crate does by itself),
//! that memory is not given back: the allocator kept about 19 MiB more after each log-in (measured
//! here: 20 log-ins one after another, 57 MB → 409 MB resident; with tokio's blocking pool, once
//! per thread as well). Here at most `hashers()` hashes run at a time, always on the same threads,
//! each over the one block of memory its thread holds; the other log-ins wait their turn.

use crate::error::AppError;
use argon2::password_hash::{rand_core::OsRng, Output, ParamsString, PasswordHash, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
use std::cell::RefCell;
use std::sync::mpsc::{channel, Sender};
use std::sync::{Arc, Mutex, OnceLock};

type Job = Box<dyn FnOnce() + Send>;

/// As many hashing threads as cores, but no more than four.
fn hashers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get().clamp(1, 4))
}

thread_local! {
    /// The Argon2 memory of a hashing thread, grown to the largest hash it has computed.
    static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// Argon2 of `password` and `salt` into `out`, over this thread's memory, which is wiped after:
/// what Argon2 leaves in it would help someone guess the password.
fn argon2_into(
    params: &Params,
    algorithm: Algorithm,
    version: Version,
    (password, salt): (&[u8], &[u8]),
    out: &mut [u8],
) -> Result<(), argon2::Error> {
    MEMORY.with(|memory| {
        let mut memory = memory.borrow_mut();
        if memory.len() < params.block_count() {
            memory.resize(params.block_count(), Block::default());
        }
        let result = Argon2::new(algorithm, version, params.clone())
            .hash_password_into_with_memory(password, salt, out, &mut memory[..]);
        memory.fill(Block::default());
        result
    })
}

/// A new PHC string (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`) for `password`.
fn hash_on_this_thread(password: &str) -> Result<String, argon2::password_hash::Error> {
    let salt = SaltString::generate(&mut OsRng);
    let params = Params::default();
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt.as_salt().decode_b64(&mut salt_bytes)?;
    let output = Output::init_with(Params::DEFAULT_OUTPUT_LEN, |out| {
        argon2_into(
            &params,
            Algorithm::Argon2id,
            Version::V0x13,
            (password.as_bytes(), salt_bytes),
            out,
        )
        .map_err(argon2::password_hash::Error::from)
    })?;
    let hash = PasswordHash {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(&params)?,
        salt: Some(salt.as_salt()),
        hash: Some(output),
    };
    Ok(hash.to_string())
}

/// Whether `password` gives the hash stored as the PHC string `stored`, with its own parameters.
fn verify_on_this_thread(password: &str, stored: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return false;
    };
    let (Ok(algorithm), Ok(params)) = (
        Algorithm::try_from(parsed.algorithm),
        Params::try_from(&parsed),
    ) else {
        return false;
    };
    let version = match parsed.version.map(Version::try_from).transpose() {
        Ok(v) => v.unwrap_or_default(),
        Err(_) => return false,
    };
    let mut salt_bytes = [0u8; 64];
    let Ok(salt_bytes) = salt.decode_b64(&mut salt_bytes) else {
        return false;
    };
    let computed = Output::init_with(expected.len(), |out| {
        argon2_into(
            &params,
            algorithm,
            version,
            (password.as_bytes(), salt_bytes),
            out,
        )
        .map_err(argon2::password_hash::Error::from)
    });
    // `Output`'s equality takes the same time wherever the two differ.
    computed.is_ok_and(|computed| computed == expected)
}

/// The queue of the hashing threads, started on first use.
fn queue() -> &'static Mutex<Sender<Job>> {
    static QUEUE: OnceLock<Mutex<Sender<Job>>> = OnceLock::new();
    QUEUE.get_or_init(|| {
        let (sender, receiver) = channel::<Job>();
        let receiver = Arc::new(Mutex::new(receiver));
        for n in 0..hashers() {
            let receiver = receiver.clone();
            let started = std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || loop {
                    // The lock is held only while waiting for the next job, not while hashing.
                    let job = match receiver.lock() {
                        Ok(r) => r.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                });
            if let Err(error) = started {
                tracing::error!(%error, "password hashing thread not started");
            }
        }
        Mutex::new(sender)
    })
}

/// Runs `work` on a hashing thread and waits for it without holding up the async runtime.
async fn on_hasher<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let (answer, answered) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        let _ = answer.send(work());
    });
    queue()
        .lock()
        .map_err(|_| internal("password hashing queue poisoned", &"lock"))?
        .send(job)
        .map_err(|e| internal("password hashing queue closed", &e))?;
    answered
        .await
        .map_err(|e| internal("password hashing thread failed", &e))
}

pub async fn hash_password(password: String) -> Result<String, AppError> {
    on_hasher(move || hash_on_this_thread(&password))
        .await?
        .map_err(|e| internal("password hashing failed", &e))
}

/// Checks `password` against `hash`; with no hash (an unknown account) it still spends the same
/// time, so that timing does not tell which e-mails have accounts.
pub async fn verify_password(password: String, hash: Option<String>) -> Result<bool, AppError> {
    // An account with no password yet is answered as slowly as a wrong password.
    let hash = hash.filter(|h| h != NO_PASSWORD);
    on_hasher(move || {
        let known = hash.is_some();
        let stored = hash.unwrap_or_else(|| dummy_hash().to_owned());
        verify_on_this_thread(&password, &stored) && known
    })
    .await
}

/// What an account holds in place of a hash before its owner sets a password through the reset
/// link (an account an institution's file created): no password opens it. Not a hash of anything,
/// so that creating such accounts costs no hashing — an import of 100 000 children spent most of
/// its hour hashing random passwords nobody would ever type.
pub const NO_PASSWORD: &str = "!no-password";

/// The hash of a random password nobody knows, made once per process.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_on_this_thread(&super::tokens::random_token()).unwrap_or_default())
}

fn internal(what: &str, error: &dyn std::fmt::Display) -> AppError {
    tracing::error!(%error, "{what}");
    AppError::Internal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_account_with_no_password_is_opened_by_none() {
        for typed in [NO_PASSWORD, "", "лето в деревне"] {
            assert!(!verify_password(typed.into(), Some(NO_PASSWORD.into()))
                .await
                .unwrap());
        }
    }

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hash = hash_password("лето в деревне".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("лето в деревне".into(), Some(hash.clone()))
            .await
            .unwrap());
        assert!(!verify_password("лето в городе".into(), Some(hash))
            .await
            .unwrap());
    }

    #[tokio::test]
    async fn an_unknown_account_never_verifies() {
        assert!(!verify_password("anything".into(), None).await.unwrap());
    }

    #[test]
    fn hashes_are_standard_phc_strings_that_the_argon2_crate_verifies() {
        use argon2::password_hash::PasswordVerifier;
        let ours = hash_on_this_thread("лето в деревне").unwrap();
        let parsed = PasswordHash::new(&ours).unwrap();
        assert!(Argon2::default()
            .verify_password("лето в деревне".as_bytes(), &parsed)
            .is_ok());
        // And a hash the crate made alone (as stored before) verifies here.
        use argon2::password_hash::PasswordHasher;
        let salt = SaltString::generate(&mut OsRng);
        let theirs = Argon2::default()
            .hash_password(b"old password", &salt)
            .unwrap()
            .to_string();
        assert!(verify_on_this_thread("old password", &theirs));
        assert!(!verify_on_this_thread("other password", &theirs));
        assert!(!verify_on_this_thread("old password", "not a hash"));
    }

    #[test]
    fn a_thread_keeps_one_block_of_argon2_memory_and_wipes_it() {
        for n in 0..3 {
            hash_on_this_thread(&format!("пароль {n}")).unwrap();
        }
        MEMORY.with(|m| {
            let m = m.borrow();
            assert_eq!(m.len(), Params::default().block_count());
            assert!(m.iter().all(|b| b.as_ref().iter().all(|w| *w == 0)));
        });
    }

    #[tokio::test]
    async fn many_hashes_at_once_all_finish_on_the_few_hashing_threads() {
        let all: Vec<_> = (0..12)
            .map(|n| tokio::spawn(hash_password(format!("пароль номер {n}"))))
            .collect();
        for hash in all {
            assert!(hash.await.unwrap().unwrap().starts_with("$argon2id$"));
        }
        assert!(hashers() <= 4);
    }
}
