// Files that hold personal data (partners' phones and e-mails, photos of
// people, the hub's token) are readable by their owner only, whatever the
// umask (BRIEF §7): folders 0700, files 0600. Files are created with those
// permissions (never readable by others, not even for a moment) and what an
// earlier version left open is tightened when the data is opened again.
//
// Only group and other permissions are ever removed; nothing is made more
// open, symbolic links are not followed and a file owned by someone else is
// left as it is (a warning in the log). On systems without POSIX permissions
// (Windows: the per-user profile folder is private already) these only create.
#pragma once

#include <QString>

namespace mobiliza::core::privacy {

// Creates the folder (and missing parents) when needed and makes the folder
// itself 0700 (parents that already existed are not changed). False only when
// the folder could not be created.
bool makePrivateDir(const QString &path);

// Creates `path` empty with 0600 when it does not exist; an existing file is
// tightened. False when it could not be created.
bool makePrivateFile(const QString &path);

// Removes group and other permissions from an existing file (→ 0600 at most)
// or folder (→ 0700). A missing path is fine (true); false when it could not be changed.
bool tighten(const QString &path);

// tighten() on a folder and everything below it.
bool tightenTree(const QString &path);

// The profile folder of the desktop app: the folder itself, its database
// (with -wal, -shm, -journal), photos, thumbnails, backups, reference data and
// the token fallback file. Nothing else in the folder is touched (--data-dir
// may name a folder that holds other things). Best effort: problems are logged.
void tightenProfile(const QString &dataDir, const QString &databaseFile);

// Whether a file or folder is open to other accounts (group or other bits).
bool isOpenToOthers(const QString &path);

} // namespace mobiliza::core::privacy
