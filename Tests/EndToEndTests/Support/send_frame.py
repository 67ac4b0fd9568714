#!/usr/bin/env python3
"""Sends Ethernet frames given as hex on the command line out of INTERFACE through a raw packet
socket (padded to 60 bytes), for frames no tool here sends (an 802.1Q-tagged ARP, say)."""
import socket
import sys

interface, frames = sys.argv[1], sys.argv[2:]
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((interface, 0))
for text in frames:
    frame = bytes.fromhex(text)
    s.send(frame + bytes(max(0, 60 - len(frame))))
