//! A child process spoken to one line at a time, with a watchdog: the generator and the instance
//! checks run in children so that a hang, a stack overflow or an abort costs one case, not the run.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

/// A running child that answers each request line with one line.
pub struct LineChild {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: Receiver<String>,
}

/// What came back for a request.
pub enum Reply {
    Line(String),
    /// The child exited (or closed its output) without answering.
    Died(String),
    /// No answer within the time limit; the child has been killed.
    Timeout,
}

impl LineChild {
    pub fn spawn(mut command: Command) -> std::io::Result<LineChild> {
        command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::null());
        let mut child = command.spawn()?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout is piped");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Ok(LineChild { child, stdin, lines })
    }

    /// Sends `request` and waits up to `limit` for the answer.
    pub fn ask(&mut self, request: &str, limit: Duration) -> Reply {
        let sent = match self.stdin.as_mut() {
            Some(stdin) => writeln!(stdin, "{request}").and_then(|()| stdin.flush()),
            None => Err(std::io::Error::other("stdin closed")),
        };
        if sent.is_err() {
            return Reply::Died(self.reap());
        }
        match self.lines.recv_timeout(limit) {
            Ok(line) => Reply::Line(line),
            Err(RecvTimeoutError::Timeout) => {
                self.reap();
                Reply::Timeout
            }
            Err(RecvTimeoutError::Disconnected) => Reply::Died(self.reap()),
        }
    }

    /// Kills the child (if it still runs) and describes how it ended.
    fn reap(&mut self) -> String {
        self.stdin = None;
        let status = match self.child.try_wait() {
            Ok(Some(status)) => Some(status),
            _ => {
                // Give a dying child a moment to finish on its own, so its status is the real one.
                std::thread::sleep(Duration::from_millis(20));
                match self.child.try_wait() {
                    Ok(Some(status)) => Some(status),
                    _ => {
                        let _ = self.child.kill();
                        None
                    }
                }
            }
        };
        let waited = self.child.wait();
        match status.or(waited.ok()) {
            Some(status) => describe(status),
            None => "the process ended".into(),
        }
    }
}

impl Drop for LineChild {
    fn drop(&mut self) {
        self.stdin = None;
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn describe(status: ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            let name = match signal {
                6 => " (SIGABRT: abort, e.g. a stack overflow)",
                9 => " (SIGKILL, e.g. out of memory)",
                11 => " (SIGSEGV)",
                _ => "",
            };
            return format!("the process was killed by signal {signal}{name}");
        }
    }
    format!("the process exited with {status}")
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn shell(script: &str) -> LineChild {
        let mut command = Command::new("sh");
        command.args(["-c", script]);
        LineChild::spawn(command).unwrap()
    }

    #[test]
    fn answers_crashes_and_hangs() {
        let limit = Duration::from_secs(10);
        let mut echo = shell("while read line; do echo \"got $line\"; done");
        assert!(matches!(echo.ask("a", limit), Reply::Line(l) if l == "got a"));
        assert!(matches!(echo.ask("b", limit), Reply::Line(l) if l == "got b"));
        let mut dies = shell("read line; kill -ABRT $$");
        assert!(matches!(dies.ask("a", limit), Reply::Died(how) if how.contains("signal 6")), "abort");
        let mut hangs = shell("read line; sleep 30");
        assert!(matches!(hangs.ask("a", Duration::from_millis(200)), Reply::Timeout));
    }
}
