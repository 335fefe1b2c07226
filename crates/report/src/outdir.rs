//! The output folder is written whole or not at all: files go to a staging folder beside it,
//! which replaces the old folder only when the run succeeded.

use std::fs;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum OutDirError {
    #[error("{path}: cannot write output: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{out} holds the input file {input}; choose another output folder")]
    HoldsInput { out: String, input: String },
    #[error("{0} is a file, not a folder")]
    NotAFolder(String),
    #[error(
        "{0} already holds files that are not the outputs of an earlier run (it has no \
         manifest.json), and a run replaces the whole folder; choose a new or empty folder"
    )]
    NotARun(String),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> OutDirError + '_ {
    move |source| OutDirError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// A staging folder for one run's outputs.
pub struct OutDir {
    target: PathBuf,
    staging: PathBuf,
    written: Vec<String>,
}

impl OutDir {
    /// Refuses an output folder that is, or contains, one of the inputs, then makes the staging
    /// folder (removing a stale one left by an interrupted run).
    fn create(target: &Path, inputs: &[&Path]) -> Result<OutDir, OutDirError> {
        if target.is_file() {
            return Err(OutDirError::NotAFolder(target.display().to_string()));
        }
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(io(&parent))?;
        let abs_parent = parent.canonicalize().map_err(io(&parent))?;
        // An existing folder is resolved as it is (`.`, `..`, links); a new one beside its parent.
        let abs_target = if target.exists() {
            target.canonicalize().map_err(io(target))?
        } else {
            abs_parent.join(target.file_name().unwrap_or(target.as_os_str()))
        };
        let (Some(abs_parent), Some(name)) = (abs_target.parent(), abs_target.file_name()) else {
            return Err(OutDirError::NotAFolder(target.display().to_string()));
        };
        let (abs_parent, name) = (
            abs_parent.to_path_buf(),
            name.to_string_lossy().into_owned(),
        );
        for input in inputs {
            if let Ok(abs) = input.canonicalize() {
                if abs.starts_with(&abs_target) {
                    return Err(OutDirError::HoldsInput {
                        out: target.display().to_string(),
                        input: input.display().to_string(),
                    });
                }
            }
        }
        // Replacing a folder deletes what it held: only ever replace an earlier run's outputs.
        if abs_target.is_dir() && !abs_target.join("manifest.json").is_file() {
            let empty = fs::read_dir(&abs_target)
                .map_err(io(&abs_target))?
                .next()
                .is_none();
            if !empty {
                return Err(OutDirError::NotARun(target.display().to_string()));
            }
        }
        let staging = abs_parent.join(format!(".{name}.partial"));
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(io(&staging))?;
        }
        fs::create_dir_all(&staging).map_err(io(&staging))?;
        Ok(OutDir {
            target: abs_target,
            staging,
            written: Vec::new(),
        })
    }

    /// Creates the staging folder, lets `write` fill it, and moves it into place only when
    /// `write` succeeded; otherwise drops it, and the previous results stay as they were.
    pub fn write_whole<T, E: From<OutDirError>>(
        target: &Path,
        inputs: &[&Path],
        write: impl FnOnce(&mut OutDir) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut out = OutDir::create(target, inputs)?;
        match write(&mut out) {
            Ok(v) => {
                out.commit()?;
                Ok(v)
            }
            Err(e) => {
                out.abandon();
                Err(e)
            }
        }
    }

    /// Writes one file (a relative path such as `charts/profiles.svg`) into the staging folder.
    pub fn write(&mut self, relative: &str, bytes: &[u8]) -> Result<(), OutDirError> {
        let path = self.staging.join(relative);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        fs::write(&path, bytes).map_err(io(&path))?;
        self.written.push(relative.to_string());
        Ok(())
    }

    /// Writes one file by streaming into it (through a buffer): for a file too big to build
    /// in memory first.
    pub fn write_stream(
        &mut self,
        relative: &str,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<(), OutDirError> {
        let path = self.staging.join(relative);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(io(dir))?;
        }
        let file = fs::File::create(&path).map_err(io(&path))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
        write(&mut w)
            .and_then(|()| std::io::Write::flush(&mut w))
            .map_err(io(&path))?;
        self.written.push(relative.to_string());
        Ok(())
    }

    /// Files written so far, sorted.
    pub fn files(&self) -> Vec<String> {
        let mut f = self.written.clone();
        f.sort();
        f
    }

    /// Moves the finished outputs into place, replacing the previous results.
    fn commit(self) -> Result<PathBuf, OutDirError> {
        let old = self.staging.with_file_name(format!(
            ".{}.old",
            self.target
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        ));
        if old.exists() {
            fs::remove_dir_all(&old).map_err(io(&old))?;
        }
        if self.target.exists() {
            fs::rename(&self.target, &old).map_err(io(&self.target))?;
        }
        fs::rename(&self.staging, &self.target).map_err(io(&self.target))?;
        if old.exists() {
            fs::remove_dir_all(&old).map_err(io(&old))?;
        }
        Ok(self.target.clone())
    }

    /// Drops the staging folder; the previous results stay as they were.
    fn abandon(self) {
        let _ = fs::remove_dir_all(&self.staging);
    }
}

/// A wave label as a folder name: letters, digits, `.`, `_` and `-` kept, anything else `_`;
/// never empty, never starting with a dot.
pub fn safe_name(wave: &str) -> String {
    let s: String = wave
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() || s.starts_with('.') {
        format!("wave{s}")
    } else {
        s
    }
}

/// The folder of each wave of a `run --by-wave` (waves in name order); an error names a wave
/// whose folder would clash with another's or with a comparison's.
pub fn wave_folders(waves: &[String]) -> Result<Vec<String>, String> {
    let folders: Vec<String> = waves.iter().map(|w| safe_name(w)).collect();
    for (i, f) in folders.iter().enumerate() {
        if folders[..i].contains(f) || f.starts_with("compare-") {
            return Err(format!(
                "wave {:?} cannot be given a folder of its own ({f:?} is taken); rename the waves",
                waves[i]
            ));
        }
    }
    Ok(folders)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_names_are_plain_folder_names() {
        assert_eq!(safe_name("2019"), "2019");
        assert_eq!(safe_name("2019/spring term"), "2019_spring_term");
        assert_eq!(safe_name(".."), "wave..");
        assert_eq!(safe_name(""), "wave");
    }

    #[test]
    fn commit_replaces_and_abandon_keeps_old_results() {
        let base = std::env::temp_dir().join(format!("matcluster-outdir-{}", std::process::id()));
        let _ = fs::remove_dir_all(&base);
        let target = base.join("run");
        let mut out = OutDir::create(&target, &[]).unwrap();
        out.write("a.csv", b"1").unwrap();
        out.write("manifest.json", b"{}").unwrap();
        out.commit().unwrap();
        assert_eq!(fs::read(target.join("a.csv")).unwrap(), b"1");

        let mut failed = OutDir::create(&target, &[]).unwrap();
        failed.write("a.csv", b"2").unwrap();
        failed.abandon();
        assert_eq!(fs::read(target.join("a.csv")).unwrap(), b"1");

        let input = target.join("a.csv");
        assert!(matches!(
            OutDir::create(&target, &[input.as_path()]),
            Err(OutDirError::HoldsInput { .. })
        ));

        // A folder of other files is never replaced; an empty one is.
        let other = base.join("notes");
        fs::create_dir_all(&other).unwrap();
        assert!(OutDir::create(&other, &[]).is_ok());
        fs::write(other.join("plan.txt"), b"keep me").unwrap();
        assert!(matches!(
            OutDir::create(&other, &[]),
            Err(OutDirError::NotARun(_))
        ));
        assert_eq!(fs::read(other.join("plan.txt")).unwrap(), b"keep me");
        fs::remove_dir_all(&base).unwrap();
    }
}
