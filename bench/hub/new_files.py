#!/usr/bin/env python3
"""What a new photo file costs the kernel on a file system (bench/README.md, issue 13).

    python3 bench/hub/new_files.py FOLDER [COUNT]      (default 8000)

Makes COUNT files of 100 KB the way the hub stores a photo — an unnamed file
(O_TMPFILE) in one of 256 sub-folders, written, then named with linkat — and prints
the wall time and the kernel CPU (system time) a file, without any fsync: the cost of
creating, writing and naming alone. Run it a few times in a row and after removing a
previous run's folder: on an ext4 without a journal each new inode first skips the
inodes freed in the last minutes, so the figure depends on what was deleted recently.
FOLDER must not exist; it is removed at the end.
"""
import ctypes
import os
import resource
import shutil
import sys
import time

AT_FDCWD = -100
AT_SYMLINK_FOLLOW = 0x400
libc = ctypes.CDLL(None, use_errno=True)


def link(source, target):
    if libc.linkat(AT_FDCWD, source.encode(), AT_FDCWD, target.encode(), AT_SYMLINK_FOLLOW) != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, os.strerror(errno), target)


def main():
    root = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 8000
    os.makedirs(root)
    try:
        folders = [os.path.join(root, "%02x" % i) for i in range(256)]
        for folder in folders:
            os.mkdir(folder)
        data = os.urandom(100_000)
        before = resource.getrusage(resource.RUSAGE_SELF)
        start = time.perf_counter()
        for i in range(count):
            folder = folders[i % 256]
            fd = os.open(folder, os.O_TMPFILE | os.O_WRONLY, 0o600)
            try:
                os.write(fd, data)
                link(f"/proc/self/fd/{fd}", os.path.join(folder, "photo-%d" % i))
            finally:
                os.close(fd)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_SELF)
        system = after.ru_stime - before.ru_stime
        print(f"{count} files of 100 KB: {wall:.2f} s wall, {system:.2f} s of kernel CPU "
              f"({1000 * system / count:.3f} ms a file)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
