#!/usr/bin/env python3
"""Draws the two Teams app icons (standard library only): color.png 192x192 and outline.png 32x32 (white on transparent)."""
import os
import struct
import zlib


def png(path, width, height, pixel):
    """Writes an RGBA PNG; pixel(x, y) returns (r, g, b, a)."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            rows.extend(pixel(x, y))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    with open(path, "wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n")
        out.write(chunk(b"IHDR", header))
        out.write(chunk(b"IDAT", zlib.compress(bytes(rows), 9)))
        out.write(chunk(b"IEND", b""))


def document_mark(x, y, size):
    """A page with a folded corner and three text lines, drawn on a size x size grid scaled from 32."""
    u = size / 32.0
    fx, fy = x / u, y / u
    left, right, top, bottom = 8, 24, 5, 27
    inside = left <= fx < right and top <= fy < bottom and not (fx >= 19 and fy < top + (fx - 19))
    border = inside and (fx < left + 1.5 or fx >= right - 1.5 or fy < top + 1.5 or fy >= bottom - 1.5
                         or (fx >= 17.5 and fy < top + (fx - 17.5) + 1.5))
    line = inside and 11 <= fx < 21 and any(r <= fy < r + 1.5 for r in (12, 16, 20))
    return border, line


def color(x, y):
    border, line = document_mark(x, y, 192)
    if border or line:
        return (255, 255, 255, 255)
    return (0x4F, 0x6B, 0xED, 255)


def outline(x, y):
    border, line = document_mark(x, y, 32)
    return (255, 255, 255, 255) if border or line else (0, 0, 0, 0)


here = os.path.dirname(os.path.abspath(__file__))
png(os.path.join(here, "color.png"), 192, 192, color)
png(os.path.join(here, "outline.png"), 32, 32, outline)
