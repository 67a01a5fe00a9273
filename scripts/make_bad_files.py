#!/usr/bin/env python3
"""Writes the bad-file corpus of tests/data/bad/ (issue 7 §2, "Hostile files").

Every file here is something a person might really hand to Mobiliza (a photo
from a phone, a file from a pen drive or an e-mail) that it must refuse with a
clear message, or accept safely, without writing outside the profile or changing
anything on a refusal. tests/core/bad_files/test_bad_files.cpp holds the
expected outcome of each file; a file added here without a row there fails it.

Images come from ImageMagick (real encoders: CMYK and progressive JPEG, 16-bit
PNG, animated GIF, multi-page TIFF, HEIC, AVIF) and from bytes written here
(bombs, broken structures, absurd EXIF). Packages are rewritten from the real
package made by the app: tests/fuzz/corpus/fuzz_package_reader/real.mobiliza
(municipality 3106200). It was made so:
    mobiliza --data-dir A --municipality 3106200 --demo-data        (then close the window)
    mobiliza --data-dir A --export package --month 2026-06 --out big.mobiliza
    scripts/make_bad_files.py --from-app-package big.mobiliza       (photos → 16×12 JPEGs)
    mobiliza --data-dir B --municipality 3106200 --import-package tests/fuzz/corpus/fuzz_package_reader/real.mobiliza
    mobiliza --data-dir B --export package --month 2026-06 --out tests/fuzz/corpus/fuzz_package_reader/real.mobiliza
so the file is the app's own ZIP (QuaZip), small enough for git.

Files that would be large or cannot live in git (a 50 MB manifest, a 51 MB
photo, a folder named .jpg) are made by the test at run time.

Usage: scripts/make_bad_files.py [--out tests/data/bad] [--base PACKAGE]
Needs python3 and ImageMagick (Debian `imagemagick`, installed if missing).
"""
import argparse
import hashlib
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# ---------------------------------------------------------------- helpers
def ensure_imagemagick():
    ok = subprocess.run(["dpkg-query", "-W", "-f=${Status}", "imagemagick"],
                        capture_output=True, text=True).stdout
    if "install ok installed" not in ok:
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(sudo + ["apt-get", "install", "-y", "-q", "--no-install-recommends",
                               "imagemagick"], check=True, env=env)
    # /usr/bin/convert: a stand-in of the same name may come first on PATH.
    for candidate in ("/usr/bin/convert", shutil.which("convert")):
        if candidate and os.path.exists(candidate):
            return candidate
    sys.exit("ImageMagick's convert not found")


def magick(convert, *args):
    # No dates or comments in the output: the same input gives the same bytes.
    subprocess.run([convert, *args], check=True)


def run_magick(convert, tmp, name, *args):
    path = os.path.join(tmp, name)
    magick(convert, *args, path)
    with open(path, "rb") as f:
        return f.read()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png(width, height, idat, bit_depth=8, colour=2):
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, colour, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", ihdr) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def tiff_ifd_le(entries, next_ifd=0):
    out = struct.pack("<H", len(entries))
    for tag, typ, count, value in entries:
        out += struct.pack("<HHII", tag, typ, count, value)
    return out + struct.pack("<I", next_ifd)


def app1_exif(tiff):
    body = b"Exif\x00\x00" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body


def with_app1(jpeg, segment):
    assert jpeg[:2] == b"\xff\xd8"
    return jpeg[:2] + segment + jpeg[2:]


def patch_sof(jpeg, width, height):
    """Rewrites the frame size of the first SOFn marker."""
    pos = 2
    while pos < len(jpeg):
        assert jpeg[pos] == 0xFF
        marker = jpeg[pos + 1]
        length = struct.unpack(">H", jpeg[pos + 2:pos + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2):
            return jpeg[:pos + 5] + struct.pack(">HH", height, width) + jpeg[pos + 9:]
        pos += 2 + length
    raise ValueError("no SOF")


def sha256(data):
    return hashlib.sha256(data).hexdigest()


# ------------------------------------------------------------------ images
def images(out, convert):
    files = {}
    with tempfile.TemporaryDirectory() as tmp:
        # A 64×48 picture: red → blue from top to bottom, a yellow square at the top-left.
        base_ppm = os.path.join(tmp, "base.ppm")
        magick(convert, "-size", "64x48", "gradient:red-blue", "-fill", "yellow",
               "-draw", "rectangle 0,0 15,15", base_ppm)
        strip = ["-strip", "-define", "png:exclude-chunks=date,time"]
        jpeg = run_magick(convert, tmp, "base.jpg", base_ppm, *strip, "-quality", "85")
        png8 = run_magick(convert, tmp, "base.png", base_ppm, *strip)

        # ---- refused
        files["empty.jpg"] = b""
        files["text_named.jpg"] = ("Relatório de março\nAção 1: mutirão contra a dengue\n").encode()
        files["pdf_named.jpg"] = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        files["captive_portal.png"] = (b"<!DOCTYPE html><html><head><title>Wi-Fi da Prefeitura</title></head>"
                                       b"<body>Entre com seu CPF para navegar</body></html>\n")
        files["photo.heic"] = run_magick(convert, tmp, "photo.heic", base_ppm, *strip, "-quality", "50")
        files["photo.avif"] = run_magick(convert, tmp, "photo.avif", base_ppm, *strip, "-quality", "50")
        files["heic_renamed.jpg"] = files["photo.heic"]
        files["photo.jxl"] = b"\xff\x0a" + bytes(range(64))  # a JPEG XL codestream header
        files["truncated.jpg"] = jpeg[: len(jpeg) // 2]
        files["truncated_header.jpg"] = jpeg[:20]
        files["garbage_after_soi.jpg"] = b"\xff\xd8\xff" + bytes((i * 37 + 11) % 256 for i in range(300))
        files["truncated.png"] = png8[: len(png8) // 2]
        files["bad_crc.png"] = png8[:41] + bytes([png8[41] ^ 0xFF]) + png8[42:]  # inside IDAT, CRC left stale
        files["zero_size.png"] = png(0, 0, zlib.compress(b""))
        # Decompression bombs: headers declare far more pixels than the bytes hold.
        files["bomb_100000x100000.png"] = png(100000, 100000, zlib.compress(b"\x00" * 1024, 9))
        files["bomb_12000x10000.png"] = png(12000, 10000, zlib.compress(b"\x00" * 1024, 9))
        files["bomb_65500x65500.jpg"] = patch_sof(jpeg, 65500, 65500)
        files["bomb_65535x65535.gif"] = (b"GIF89a" + struct.pack("<HH", 65535, 65535) + b"\x80\x00\x00" +
                                         b"\x00\x00\x00\xff\xff\xff" + b"," + struct.pack("<HHHH", 0, 0, 65535, 65535) +
                                         b"\x00\x02\x02\x44\x01\x00;")
        tiff_entries = [(256, 4, 1, 100000), (257, 4, 1, 100000), (258, 3, 1, 8), (259, 3, 1, 1),
                        (262, 3, 1, 1), (273, 4, 1, 8), (277, 3, 1, 1), (278, 4, 1, 100000), (279, 4, 1, 1)]
        files["bomb_100000x100000.tif"] = b"II*\x00" + struct.pack("<I", 8) + tiff_ifd_le(tiff_entries)
        files["bomb_100000x100000.bmp"] = (b"BM" + struct.pack("<IHHI", 54 + 16, 0, 0, 54) +
                                           struct.pack("<IiiHHIIiiII", 40, 100000, 100000, 1, 24, 0, 16,
                                                       2835, 2835, 0, 0) + b"\x00" * 16)
        files["fake.webp"] = b"RIFF" + struct.pack("<I", 200) + b"WEBPVP8 " + bytes((i * 7) % 256 for i in range(200))

        # ---- accepted (unusual, but a real photo: it must come out right)
        files["cmyk.jpg"] = run_magick(convert, tmp, "cmyk.jpg", base_ppm, *strip, "-colorspace", "CMYK",
                                       "-quality", "90")
        files["progressive.jpg"] = run_magick(convert, tmp, "progressive.jpg", base_ppm, *strip,
                                              "-interlace", "JPEG", "-quality", "90")
        magick(convert, base_ppm, *strip, "-alpha", "on", "PNG64:" + os.path.join(tmp, "rgba16.png"))
        with open(os.path.join(tmp, "rgba16.png"), "rb") as f:
            files["rgba16.png"] = f.read()
        files["animated.gif"] = run_magick(convert, tmp, "animated.gif", "-delay", "20", base_ppm,
                                           "(", base_ppm, "-negate", ")", "-loop", "0")
        files["multipage.tif"] = run_magick(convert, tmp, "multipage.tif", base_ppm,
                                            "(", base_ppm, "-negate", ")", *strip, "-compress", "zip")
        # EXIF pointing far outside the segment, into itself, with an impossible
        # orientation and a date that is no date.
        absurd = b"II*\x00" + struct.pack("<I", 0xFFFFFFF0)
        files["exif_absurd_offset.jpg"] = with_app1(jpeg, app1_exif(absurd))
        ifd0 = tiff_ifd_le([(0x0112, 3, 1, 9), (0x8769, 4, 1, 8), (0x8825, 4, 1, 0x7FFFFFFF)], next_ifd=8)
        files["exif_loop.jpg"] = with_app1(jpeg, app1_exif(b"II*\x00" + struct.pack("<I", 8) + ifd0))
        exif_ifd_at = 8 + 2 + 12 + 4
        ifd0 = tiff_ifd_le([(0x8769, 4, 1, exif_ifd_at)])
        exif_ifd = tiff_ifd_le([(0x9003, 2, 65535, 0x7FFFFFF0), (0x9003, 2, 20, 0xFFFFFFFF)])
        files["exif_date_out_of_bounds.jpg"] = with_app1(
            jpeg, app1_exif(b"II*\x00" + struct.pack("<I", 8) + ifd0 + exif_ifd))
        # A length field running past the end of the file, inside APP1.
        files["app1_past_end.jpg"] = jpeg[:2] + b"\xff\xe1\xff\xf0Exif\x00\x00II*\x00" + jpeg[2:40]

        # progressive.jpg must really be progressive, cmyk.jpg really CMYK.
        assert b"\xff\xc2" in files["progressive.jpg"]
        sof = files["cmyk.jpg"].index(b"\xff\xc0")
        assert files["cmyk.jpg"][sof + 9] == 4, "cmyk.jpg has not 4 components"
        assert files["animated.gif"].count(b"\x21\xf9") >= 2, "animated.gif has one frame"
        assert files["rgba16.png"][24] == 16, "rgba16.png is not 16-bit"
    for name, data in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
    return files


# ---------------------------------------------------------------- packages
def read_package(path):
    with zipfile.ZipFile(path) as z:
        return {info.filename: z.read(info.filename) for info in z.infolist()}


def checksums_of(entries):
    return "".join(f"{sha256(data)}  {name}\n" for name, data in entries
                   if name != "checksums.sha256").encode()


def write_zip(path, entries, deflate=("package.json", "manifest.json", "checksums.sha256")):
    """entries: [(name or ZipInfo, bytes)], written in that order."""
    with zipfile.ZipFile(path, "w") as z:
        for name, data in entries:
            info = name if isinstance(name, zipfile.ZipInfo) else zipfile.ZipInfo(name, (2025, 4, 2, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED if info.filename in deflate else zipfile.ZIP_STORED
            info.external_attr = info.external_attr or (0o100644 << 16)
            z.writestr(info, data)


def package_entries(base, **replace):
    entries = [(name, replace.get(name, data)) for name, data in base.items() if name != "checksums.sha256"]
    return entries


def resealed(entries):
    return entries + [("checksums.sha256", checksums_of(entries))]


def packages(out, base_path):
    base = read_package(base_path)
    info = json.loads(base["package.json"])
    manifest = base["manifest.json"]
    photos = [n for n in base if n.startswith("photos/")]
    assert photos, "the base package has no photos"
    files = {}

    # Zip-slip: a listed name that climbs out of the folder, and the entry itself.
    def slip(name):
        entries = package_entries(base) + [(name, b"owned\n")]
        return resealed(entries)
    path = os.path.join(out, "zip_slip.mobiliza")
    write_zip(path, slip("../../x"))
    path = os.path.join(out, "zip_slip_absolute.mobiliza")
    write_zip(path, slip("/tmp/mobiliza-zip-slip"))

    # Zip bombs: a photo entry that declares 100 MB; one that declares its real
    # size but inflates to 100 MB (sizes patched in both headers).
    bomb = b"\x00" * (100 * 1024 * 1024)
    entries = [(n, bomb if n == photos[0] else d) for n, d in package_entries(base)]
    write_zip(os.path.join(out, "zip_bomb_declared.mobiliza"), resealed(entries),
              deflate=("package.json", "manifest.json", "checksums.sha256", photos[0]))
    lying = os.path.join(out, "zip_bomb_lying.mobiliza")
    real_photo = base[photos[0]]
    entries = [(n, bomb if n == photos[0] else d) for n, d in package_entries(base)]
    write_zip(lying, entries + [("checksums.sha256", base["checksums.sha256"])],
              deflate=("package.json", "manifest.json", "checksums.sha256", photos[0]))
    patch_declared_size(lying, photos[0], len(real_photo), zlib.crc32(real_photo) & 0xFFFFFFFF)

    # Duplicate entries: the manifest twice, the second one different.
    entries = package_entries(base)
    with zipfile.ZipFile(os.path.join(out, "duplicate_entries.mobiliza"), "w") as z:
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for name, data in resealed(entries):
                z.writestr(name, data)
            z.writestr("manifest.json", manifest.replace(b'"revision":', b'"revision": ', 1))

    # A symlink entry in place of a photo, pointing at a system file.
    link = zipfile.ZipInfo(photos[0], (2025, 4, 2, 12, 0, 0))
    link.create_system = 3
    link.external_attr = (0o120777 << 16)
    entries = [(link if n == photos[0] else n, b"/etc/passwd" if n == photos[0] else d)
               for n, d in package_entries(base)]
    write_zip(os.path.join(out, "symlink_entry.mobiliza"), entries + [("checksums.sha256", base["checksums.sha256"])])

    # Non-UTF-8 entry names (Latin-1 bytes, no UTF-8 flag), listed as such.
    raw_name = b"photos/relat\xf3rio-mar\xe7o.jpg"
    tmp = os.path.join(out, "non_utf8_names.mobiliza")
    entries = package_entries(base) + [("photos/relat-rio-mar-o.jpg", b"photo")]
    sums = checksums_of(entries).replace(b"photos/relat-rio-mar-o.jpg", raw_name)
    write_zip(tmp, entries + [("checksums.sha256", sums)])
    rename_entry(tmp, b"photos/relat-rio-mar-o.jpg", raw_name)

    # Another municipality's package, otherwise sound (checksums and hashes redone).
    other = "3105608" if info["municipality"] != "3105608" else "3106200"
    old = info["municipality"].encode()
    m2 = manifest.replace(b'"municipality":"' + old + b'"', b'"municipality":"' + other.encode() + b'"')
    assert m2 != manifest
    info2 = dict(info, municipality=other, manifestSha256=sha256(m2))
    write_zip(os.path.join(out, "another_municipality.mobiliza"),
              resealed(package_entries(base, **{"manifest.json": m2,
                                                 "package.json": json.dumps(info2, indent=4).encode()})))

    # A newer format version, sound otherwise.
    info3 = dict(info, formatVersion=2)
    write_zip(os.path.join(out, "newer_version.mobiliza"),
              resealed(package_entries(base, **{"package.json": json.dumps(info3, indent=4).encode()})))

    # A photo changed after the fact (checksums left as they were).
    tampered = bytearray(base[photos[0]])
    tampered[len(tampered) // 2] ^= 0x55
    write_zip(os.path.join(out, "tampered_photo.mobiliza"),
              package_entries(base, **{photos[0]: bytes(tampered)}) + [("checksums.sha256", base["checksums.sha256"])])

    with open(base_path, "rb") as f:
        real = f.read()
    files["truncated.mobiliza"] = real[: len(real) // 2]
    files["empty.mobiliza"] = b""
    files["not_a_zip.mobiliza"] = b"Este arquivo nao e um pacote.\n"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("[Content_Types].xml", "<Types/>")
    files["some_other_zip.mobiliza"] = buf.getvalue()
    for name, data in files.items():
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)


def patch_declared_size(path, name, size, crc):
    """Sets the CRC and uncompressed size of `name` in its local header and central record."""
    data = bytearray(open(path, "rb").read())
    bname = name.encode()
    pos = 0
    while True:
        pos = data.find(b"PK\x03\x04", pos)
        if pos < 0:
            break
        n = struct.unpack("<H", data[pos + 26:pos + 28])[0]
        if data[pos + 30:pos + 30 + n] == bname:
            struct.pack_into("<I", data, pos + 14, crc)
            struct.pack_into("<I", data, pos + 22, size)
        pos += 4
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        if pos < 0:
            break
        n = struct.unpack("<H", data[pos + 28:pos + 30])[0]
        if data[pos + 46:pos + 46 + n] == bname:
            struct.pack_into("<I", data, pos + 16, crc)
            struct.pack_into("<I", data, pos + 24, size)
        pos += 4
    open(path, "wb").write(bytes(data))


def rename_entry(path, old, new):
    """Same-length byte rename of an entry (local header and central record); no UTF-8 flag."""
    assert len(old) == len(new)
    data = open(path, "rb").read()
    assert data.count(old) == 2
    data = bytearray(data.replace(old, new))
    for sig, flag_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = 0
        while True:
            pos = data.find(sig, pos)
            if pos < 0:
                break
            flags = struct.unpack("<H", data[pos + flag_at:pos + flag_at + 2])[0]
            struct.pack_into("<H", data, pos + flag_at, flags & ~0x0800)
            pos += 4
    open(path, "wb").write(bytes(data))


def shrink_package(src, dst, convert):
    """Rewrites a package exported by the app (`mobiliza --export package`) with tiny
    photos, so that it and the bad packages made from it stay small in git: each
    photo becomes a 16×12 JPEG; its name, the manifest's sha256 and bytes follow,
    then package.json's manifestSha256 and the checksums. The manifest stays in
    the app's canonical form (same keys, same order, compact)."""
    entries = read_package(src)
    manifest = entries["manifest.json"].decode("utf-8")
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, name in enumerate(sorted(n for n in entries if n.startswith("photos/"))):
            old_sha = name[len("photos/"):-len(".jpg")]
            colour = ["#c0392b", "#27ae60", "#2980b9", "#f1c40f", "#8e44ad", "#16a085"][i % 6]
            path = os.path.join(tmp, f"p{i}.jpg")
            magick(convert, "-size", "16x12", f"xc:{colour}", "-strip", "-quality", "70", path)
            with open(path, "rb") as f:
                photo = f.read() + b"\x00" * i  # distinct bytes even for equal colours
            new_sha = sha256(photo)
            at = 0
            while True:
                at = manifest.find(f'"sha256":"{old_sha}"', at)
                if at < 0:
                    break
                b = manifest.rfind('"bytes":', 0, at)
                e = b + len('"bytes":')
                while manifest[e].isdigit():
                    e += 1
                manifest = manifest[:b] + f'"bytes":{len(photo)}' + manifest[e:]
                at = manifest.find(f'"sha256":"{old_sha}"', b)
                manifest = manifest[:at] + f'"sha256":"{new_sha}"' + manifest[at + len(old_sha) + 11:]
            out.append((f"photos/{new_sha}.jpg", photo))
    manifest_bytes = manifest.encode("utf-8")
    info = json.loads(entries["package.json"])
    info["manifestSha256"] = sha256(manifest_bytes)
    first = [("package.json", json.dumps(info, indent=4).encode() + b"\n"), ("manifest.json", manifest_bytes)]
    write_zip(dst, resealed(first + out))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(ROOT, "tests", "data", "bad"))
    parser.add_argument("--base", default=os.path.join(ROOT, "tests", "fuzz", "corpus", "fuzz_package_reader",
                                                      "real.mobiliza"))
    parser.add_argument("--from-app-package", metavar="FILE",
                        help="first rewrite FILE (made by `mobiliza --export package`) with tiny photos as --base")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    convert = ensure_imagemagick()
    if args.from_app_package:
        shrink_package(args.from_app_package, args.base, convert)
    images(args.out, convert)
    packages(args.out, args.base)
    total = sum(os.path.getsize(os.path.join(args.out, f)) for f in os.listdir(args.out))
    print(f"{len(os.listdir(args.out))} files, {total} bytes in {args.out}")


if __name__ == "__main__":
    main()
