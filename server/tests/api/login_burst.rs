//! Password hashing under a burst of log-ins: the server answers them in turn, in bounded memory.

use crate::helpers::{Backend, TestApp};
use crate::on_both_backends;

on_both_backends!(a_burst_of_two_hundred_log_ins_keeps_the_server_under_150_mb);

/// The peak resident memory of a process, in kB (Linux).
fn peak_memory_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("/proc status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM")
}

/// Argon2 takes 19 MiB a hash: two hundred log-ins at once must wait their turn for the few
/// hashing threads rather than take 19 MiB each.
async fn a_burst_of_two_hundred_log_ins_keeps_the_server_under_150_mb(backend: Backend) {
    let Some(app) = crate::helpers::spawn_app(backend).await else {
        return;
    };
    let (base, process) = app
        .sibling_process_with(&[("KRUZHOK_LOGIN_ATTEMPTS_PER_ADDRESS", "10000")])
        .await;
    let pid = process.0.id();
    let before = peak_memory_kb(pid);
    let attempts: Vec<_> = (0..200)
        .map(|n| {
            let base = base.clone();
            tokio::spawn(async move {
                TestApp::new_client()
                    .post(format!("{base}/api/accounts/login"))
                    .form(&[
                        ("email", format!("burst{n}@mail.ru")),
                        ("password", "какой-то пароль".to_owned()),
                    ])
                    .send()
                    .await
                    .map(|r| r.status().as_u16())
            })
        })
        .collect();
    for attempt in attempts {
        assert_eq!(attempt.await.unwrap().unwrap(), 422, "each one is answered");
    }
    let peak = peak_memory_kb(pid);
    println!("peak RSS: {before} kB before, {peak} kB after 200 log-ins at once");
    assert!(peak < 150 * 1024, "peak RSS {peak} kB");
    drop(process);
    app.finish().await;
}
