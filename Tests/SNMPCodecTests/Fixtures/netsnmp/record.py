#!/usr/bin/env python3
"""Turn the logs of record.sh into known-answer fixtures.

Input (--work): logs/NAME.cmd (the exact command), logs/NAME.log (its stderr: net-snmp's
-d hex dumps and -Ddump* field decodes), logs/NAME.out (its stdout), capture.pcap
(tcpdump on the namespace loopback) and trapd/snmptrapd.log.

Output (--out): NAME.hex per datagram, manifest.json (v1/v2c), v3-manifest.json (USM).

Where each fact comes from:
  bytes     net-snmp's -d dump of the tool that sent or received the datagram; checked
            against the tcpdump capture (and, for notifications, snmptrapd's own -d dump)
  fields    net-snmp's -Ddump* decode (label, the field's TLV in hex, its decoded value);
            exceptions (noSuchObject...), which that decode leaves blank, from the
            tool's printed result; every field checked against pysnmp/pyasn1's decode
  USM       localized keys, MACs and decryptions from libnetsnmp itself (ctypes:
            generate_Ku/generate_kul/netsnmp_extend_kul/sc_check_keyed_hash/sc_decrypt),
            checked against pysnmp's independent USM code
Anything that disagrees stops the run: no fixture is written from one source alone.
This script never parses BER for facts; it only strips the tag and length that net-snmp
itself printed in front of a value, and checks the result against the decoded value.

Runs with the snmpsim venv's python (it has pysnmp and pyasn1).
"""
import argparse
import ctypes
import ctypes.util
import json
import os
import re
import shlex
import struct
import sys

from pyasn1.codec.ber import decoder, encoder
from pyasn1.type import univ
from pysnmp.proto import rfc1157, rfc1901
from pysnmp.proto.mpmod import rfc3412
from pysnmp.proto.secmod.rfc3414.service import UsmSecurityParameters


class Mismatch(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Mismatch(what)


# ---------------------------------------------------------------- net-snmp log parsing

TOKEN = re.compile(r"(dump[hvx]_(?:send|recv))(?::[A-Za-z0-9_]+)?: ")
PACKET = re.compile(r"^(Sending|Received) (\d+) byte(?:s| packet) (?:to|from) (.*)$")
HEXROW = re.compile(r"^(\d{4}): ")


class Datagram:
    def __init__(self, direction, length, peer):
        self.direction = direction  # "send" or "recv", from the logging program's view
        self.length = length
        self.peer = peer
        self.hexrows = []
        self.entries = []  # (token, label, tlv bytes or None, decoded text)

    @property
    def data(self):
        b = bytes.fromhex("".join(self.hexrows))
        check(len(b) == self.length, f"dump of {self.length} bytes has {len(b)}")
        return b


def split_entry(token, text):
    """'  request_id  02 04 3E F4  Integer: ...' -> (label, tlv, decoded)."""
    # text after a newline is not this entry's (snmptrapd prints v1 trap fields unlabeled)
    text = text.split("\n", 1)[0].strip(" ")
    label, _, rest = text.partition("  ")
    rest = rest.strip(" ")
    m = re.match(r"^((?:[0-9A-F]{2} ?)+?)(?:\s{2,}(.*))?$", rest, re.S)
    if m and re.fullmatch(r"(?:[0-9A-F]{2} )*[0-9A-F]{2} ?", m.group(1).strip() + " "):
        tlv = bytes.fromhex(m.group(1).replace(" ", ""))
        return label.strip(), tlv, (m.group(2) or "").strip()
    return label.strip(), None, rest.strip()


def parse_log(text):
    """Datagrams in the order the program logged them, each with its decode entries."""
    grams, pending_send, last_recv = [], [], None
    current_hex = None  # datagram whose hex rows we are reading
    raw_entries = []  # (token, text) before splitting into fields
    for line in text.split("\n"):
        m = PACKET.match(line)
        if m:
            g = Datagram("send" if m.group(1) == "Sending" else "recv", int(m.group(2)), m.group(3))
            grams.append(g)
            current_hex = g
            if g.direction == "send":
                g.entries, pending_send = pending_send, []
            else:
                last_recv = g
            continue
        if current_hex is not None and HEXROW.match(line):
            # fixed layout: "0000: " + 16 bytes in 51 columns, then the ASCII column
            current_hex.hexrows.append("".join(re.findall(r"[0-9A-F]{2}", line[6:57])))
            continue
        current_hex = None
        if not line.strip():
            continue
        # a line may hold several entries: net-snmp prints an empty exception value
        # without its newline ("Value  dumph_recv:       VarBind")
        parts = TOKEN.split(line)
        if parts[0].strip():
            # no token: continuation of the previous entry. net-snmp wraps hex after 16
            # bytes leaving a trailing space: join those directly, anything else by newline
            if raw_entries:
                tok, txt, owner = raw_entries[-1]
                raw_entries[-1] = (tok, txt + ("" if txt.endswith(" ") else "\n") + parts[0], owner)
        for i in range(1, len(parts), 2):
            tok, txt = parts[i], parts[i + 1]
            owner = None
            if tok.endswith("_send"):
                owner = ("send", len(grams))  # belongs to the next datagram sent
            elif last_recv is not None:
                owner = ("recv", grams.index(last_recv))
            raw_entries.append((tok, txt, owner))
    # attach entries; wrapped hex continues with no separator (net-snmp leaves a space)
    for tok, txt, owner in raw_entries:
        if owner is None:
            continue
        label, tlv, dec = split_entry(tok, txt)
        if owner[0] == "send":
            sends = [g for g in grams[owner[1]:] if g.direction == "send"]
            if sends:
                sends[0].entries.append((tok, label, tlv, dec))
        else:
            grams[owner[1]].entries.append((tok, label, tlv, dec))
    return grams


def parse_output(text):
    """Tool result lines '.1.3... = TYPE: value' (continuations joined) -> list of (oid, text)."""
    out = []
    for line in text.split("\n"):
        m = re.match(r"^\.?(\d+(?:\.\d+)+) = (.*)$", line)
        if m:
            out.append([m.group(1), m.group(2)])
        elif out and line:
            out[-1][1] += "\n" + line
    return out


# ---------------------------------------------------------------- values

TYPE_BY_TAG = {
    0x02: "INTEGER", 0x04: "OCTET STRING", 0x05: "NULL", 0x06: "OBJECT IDENTIFIER",
    0x40: "IpAddress", 0x41: "Counter32", 0x42: "Gauge32", 0x43: "TimeTicks",
    0x44: "Opaque", 0x46: "Counter64",
}
EXCEPTION_TEXT = {
    "No Such Object available on this agent at this OID": "noSuchObject",
    "No Such Instance currently exists at this OID": "noSuchInstance",
    "No more variables left in this MIB View (It is past the end of the MIB tree)": "endOfMibView",
}


def tlv_content(tlv):
    """Content octets of a TLV net-snmp printed: drop its one-byte tag and its length."""
    check(len(tlv) >= 2, f"TLV {tlv.hex()} too short")
    n = tlv[1]
    if n < 0x80:
        start, length = 2, n
    else:
        k = n & 0x7F
        start, length = 2 + k, int.from_bytes(tlv[2:2 + k], "big")
    content = tlv[start:]
    check(len(content) == length, f"TLV {tlv.hex()} length {length} != {len(content)}")
    return content


def first_number(text):
    m = re.search(r"(-?\d+)", text)
    check(m is not None, f"no number in {text!r}")
    return int(m.group(1))


def oid_text(text):
    # the tools print numeric OIDs (-On); snmpd and snmptrapd without MIBs print "iso.3..."
    m = re.search(r"ObjID: (?:\.|iso\.)?([\d.]+)", text)
    check(m is not None, f"no OID in {text!r}")
    return ("1." if "ObjID: iso." in text else "") + m.group(1)


EXCEPTION_BY_TAG = {0x80: "noSuchObject", 0x81: "noSuchInstance", 0x82: "endOfMibView"}


def complete(tlv):
    """Did net-snmp print the whole TLV? (Its send decode cuts Counter64 values short.)"""
    try:
        tlv_content(tlv)
        return True
    except Mismatch:
        return False


def value_from_entry(tlv, dec):
    """(type, value) of a varbind value from one net-snmp decode entry."""
    if tlv[0] in EXCEPTION_BY_TAG:
        check(tlv_content(tlv) == b"", f"exception with content {tlv.hex()}")
        return EXCEPTION_BY_TAG[tlv[0]], None
    t = TYPE_BY_TAG.get(tlv[0])
    check(t is not None, f"unexpected value tag {tlv[0]:#x} in {tlv.hex()}")
    content = tlv_content(tlv)
    if t == "INTEGER":
        check(dec.startswith("Integer:"), dec)
        v = first_number(dec.split(":", 1)[1])
        check(v == int.from_bytes(content, "big", signed=True), f"INTEGER {v} vs {content.hex()}")
    elif t in ("Counter32", "Gauge32", "TimeTicks"):
        check(dec.startswith("UInteger:"), dec)
        v = first_number(dec.split(":", 1)[1])
        check(v == int.from_bytes(content, "big"), f"{t} {v} vs {content.hex()}")
    elif t == "Counter64":
        # receive decode: "Counter64: N"; send decode: "U64: HIGH LOW"
        nums = [int(x) for x in re.findall(r"\d+", dec.split(":", 1)[1])]
        check(dec.startswith(("Counter64:", "U64:")) and len(nums) in (1, 2), dec)
        v = nums[0] if len(nums) == 1 else (nums[0] << 32) | nums[1]
        check(v == int.from_bytes(content, "big"), f"Counter64 {v} vs {content.hex()}")
    elif t == "OBJECT IDENTIFIER":
        v = oid_text(dec)
    elif t == "NULL":
        check(dec.startswith("NULL") and content == b"", dec)
        v = None
    elif t == "IpAddress":
        check(len(content) == 4, f"IpAddress of {len(content)} bytes")
        v = ".".join(str(b) for b in content)
    elif t == "Opaque":
        check(dec.startswith("Opaque"), dec)
        v = {"hex": content.hex()}
    else:  # OCTET STRING
        check(dec.startswith("String:"), dec)
        v = {"hex": content.hex()}
    return t, v


PDU_KINDS = {"GET": "GetRequest", "GETNEXT": "GetNextRequest", "GETBULK": "GetBulkRequest",
             "SET": "SetRequest", "RESPONSE": "Response", "TRAP": "Trap", "TRAP2": "SNMPv2-Trap",
             "INFORM": "InformRequest", "REPORT": "Report"}


def pdu_fields(g, lenient=False):
    """PDU type, scalar fields and raw varbinds [(oid, tlv|None, decoded)] of one decode.
    lenient: leave out the scalar fields the decode did not label (snmptrapd's v1 traps)."""
    e = g.entries
    by_label = {}
    for tok, label, tlv, dec in e:
        by_label.setdefault(label.lower(), (tlv, dec))
    # PDU type: "Command X" (receive decode) or a bare label (send decode)
    pdu = None
    for tok, label, tlv, dec in e:
        if tok.startswith("dumpv_recv") and label.startswith("Command "):
            pdu = PDU_KINDS.get(label.split()[1])
        elif tok.startswith("dumph_send") and label in PDU_KINDS and tlv is None:
            pdu = PDU_KINDS[label]
    check(pdu is not None, "no PDU type in net-snmp's decode")
    f = {"pdu": pdu}

    def num(label):
        check(label in by_label, f"no '{label}' in net-snmp's decode")
        return first_number(by_label[label][1].split(":", 1)[1])

    if pdu == "Trap" and lenient and "enterprise objid" not in by_label:
        pass
    elif pdu == "Trap":
        check("enterprise objid" in by_label and "agent address" in by_label, "v1 trap fields not decoded")
        tlv, dec = by_label["enterprise objid"]
        f["enterprise"] = oid_text(dec)
        tlv, dec = by_label["agent address"]
        f["agent_addr"] = ".".join(str(b) for b in tlv_content(tlv))
        f["generic_trap"] = num("generic trap number")
        f["specific_trap"] = num("specific trap number")
        f["time_stamp"] = num("timestamp")
    else:
        f["request_id"] = num("request_id")
        if pdu == "GetBulkRequest":
            # a GetBulk PDU reuses the two fields: net-snmp labels them by position
            f["non_repeaters"] = num("error status")
            f["max_repetitions"] = num("error index")
        else:
            f["error_status"] = num("error status")
            f["error_index"] = num("error index")
    # varbinds: Name/Value entries; a send decode lists them last-to-first, value first
    nv = [(label, tlv, dec) for tok, label, tlv, dec in e if label in ("Name", "Value")]
    if g.direction == "send":
        nv.reverse()
    check(len(nv) % 2 == 0, "odd number of Name/Value entries")
    raw = []
    for i in range(0, len(nv), 2):
        (nl, ntlv, ndec), (vl, vtlv, vdec) = nv[i], nv[i + 1]
        check(nl == "Name" and vl == "Value", f"unexpected order {nl}/{vl}")
        raw.append((oid_text(ndec), vtlv, vdec))
    return f, raw


def pdu_from_both(g, peer, out_lines):
    """PDU fields from the logging tool's decode and the other end's, which must agree.

    net-snmp's receive decode prints no value for NULL and the exceptions, and its send
    decode cuts Counter64 short; each value is taken from every decode that printed it
    whole (they must agree), and must come from at least one.
    """
    f, raw = pdu_fields(g)
    others = []
    if peer is not None:
        pf, praw = pdu_fields(peer, lenient=True)
        check(all(f.get(k) == v for k, v in pf.items()), f"the two ends decode differently: {f} vs {pf}")
        check([r[0] for r in praw] == [r[0] for r in raw], "the two ends see different varbind names")
        others = praw
    printed = {}
    for oid, txt in out_lines:
        printed.setdefault(oid, []).append(txt)
    vbs = []
    for i, (oid, tlv, dec) in enumerate(raw):
        cands = [(tlv, dec)] + ([others[i][1:]] if others else [])
        vals = [value_from_entry(t, d) for t, d in cands if t is not None and complete(t)]
        check(vals, f"no decode printed the value of {oid} whole")
        check(all(v == vals[0] for v in vals), f"{oid}: the two ends decode differently: {vals}")
        t, v = vals[0]
        if t in EXCEPTION_BY_TAG.values():
            # and the tool printed the same exception for it, if it printed the varbind
            for txt in printed.get(oid, []):
                if txt in EXCEPTION_TEXT:
                    check(EXCEPTION_TEXT[txt] == t, f"{oid}: tool printed {txt!r}, decode says {t}")
        vbs.append({"oid": oid, "type": t, "value": v})
    f["varbinds"] = vbs
    return f


# ---------------------------------------------------------------- pysnmp cross-check

LEAF_TYPE = {
    "Integer": "INTEGER", "Integer32": "INTEGER", "OctetString": "OCTET STRING",
    "Null": "NULL", "ObjectIdentifier": "OBJECT IDENTIFIER", "IpAddress": "IpAddress",
    "Counter": "Counter32", "Counter32": "Counter32", "Gauge": "Gauge32", "Gauge32": "Gauge32",
    "Unsigned32": "Gauge32", "TimeTicks": "TimeTicks", "Opaque": "Opaque", "Counter64": "Counter64",
}
PDU_NAME = {
    "get-request": "GetRequest", "get-next-request": "GetNextRequest", "get-bulk-request": "GetBulkRequest",
    "set-request": "SetRequest", "get-response": "Response", "response": "Response", "trap": "Trap",
    "snmpV2-trap": "SNMPv2-Trap", "inform-request": "InformRequest", "report": "Report",
}


def py_value(v):
    path = []
    while isinstance(v, univ.Choice):
        path.append(v.getName())
        v = v.getComponent()
    for exc in ("noSuchObject", "noSuchInstance", "endOfMibView"):
        if exc in path:
            return exc, None
    t = LEAF_TYPE[v.__class__.__name__]
    if t in ("INTEGER", "Counter32", "Gauge32", "TimeTicks", "Counter64"):
        return t, int(v)
    if t == "OBJECT IDENTIFIER":
        return t, str(v)
    if t == "NULL":
        return t, None
    if t == "IpAddress":
        return t, ".".join(str(b) for b in v.asOctets())
    return t, {"hex": v.asOctets().hex()}


def py_pdu(choice):
    name = PDU_NAME[choice.getName()]
    p = choice.getComponent()
    f = {"pdu": name}
    if name == "Trap":
        f["enterprise"] = str(p["enterprise"])
        f["agent_addr"] = ".".join(str(b) for b in p["agent-addr"].getComponent().asOctets())
        f["generic_trap"] = int(p["generic-trap"])
        f["specific_trap"] = int(p["specific-trap"])
        f["time_stamp"] = int(p["time-stamp"])
    else:
        f["request_id"] = int(p["request-id"])
        if name == "GetBulkRequest":
            f["non_repeaters"] = int(p["non-repeaters"])
            f["max_repetitions"] = int(p["max-repetitions"])
        else:
            f["error_status"] = int(p["error-status"])
            f["error_index"] = int(p["error-index"])
    f["varbinds"] = []
    for vb in p["variable-bindings"]:
        t, v = py_value(vb[1])
        f["varbinds"].append({"oid": str(vb[0]), "type": t, "value": v})
    return f


def py_decode_community(data):
    for spec, name in ((rfc1157.Message(), "1"), (rfc1901.Message(), "2c")):
        try:
            msg, rest = decoder.decode(data, asn1Spec=spec)
        except Exception:
            continue
        if rest:
            continue
        if (int(msg["version"]), name) not in ((0, "1"), (1, "2c")):
            continue
        f = {"version": name, "community": msg["community"].asOctets().decode("latin-1")}
        f.update(py_pdu(msg["data"]))
        return f
    raise Mismatch("pysnmp cannot decode the datagram as v1 or v2c")


def compare(ours, theirs, where):
    for k, v in theirs.items():
        check(k in ours, f"{where}: pysnmp has {k}, net-snmp's decode not")
        check(ours[k] == v, f"{where}: {k}: net-snmp {ours[k]!r} != pysnmp {v!r}")


# ---------------------------------------------------------------- pcap

def pcap_payloads(path):
    """UDP payloads in a pcap file (Ethernet or Linux cooked, IPv4 or IPv6)."""
    with open(path, "rb") as fh:
        raw = fh.read()
    magic = raw[:4]
    endian = "<" if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    linktype = struct.unpack(endian + "I", raw[20:24])[0]
    off, out = 24, []
    while off + 16 <= len(raw):
        incl = struct.unpack(endian + "I", raw[off + 8:off + 12])[0]
        frame = raw[off + 16:off + 16 + incl]
        off += 16 + incl
        if linktype == 1:
            ethertype, ip = struct.unpack(">H", frame[12:14])[0], frame[14:]
        elif linktype == 113:
            ethertype, ip = struct.unpack(">H", frame[14:16])[0], frame[16:]
        else:
            raise Mismatch(f"pcap link type {linktype} not handled")
        if ethertype == 0x0800 and ip[9] == 17:
            udp = ip[(ip[0] & 0x0F) * 4:]
        elif ethertype == 0x86DD and ip[6] == 17:
            udp = ip[40:]
        else:
            continue
        ulen = struct.unpack(">H", udp[4:6])[0]
        out.append(udp[8:ulen])
    return out


# ---------------------------------------------------------------- USM through libnetsnmp

AUTH_OIDS = {  # net-snmp symbol, OID
    "MD5": ("usmHMACMD5AuthProtocol", "1.3.6.1.6.3.10.1.1.2"),
    "SHA": ("usmHMACSHA1AuthProtocol", "1.3.6.1.6.3.10.1.1.3"),
    "SHA-224": ("usmHMAC128SHA224AuthProtocol", "1.3.6.1.6.3.10.1.1.4"),
    "SHA-256": ("usmHMAC192SHA256AuthProtocol", "1.3.6.1.6.3.10.1.1.5"),
    "SHA-384": ("usmHMAC256SHA384AuthProtocol", "1.3.6.1.6.3.10.1.1.6"),
    "SHA-512": ("usmHMAC384SHA512AuthProtocol", "1.3.6.1.6.3.10.1.1.7"),
}
PRIV_OIDS = {
    "DES": ("usmDESPrivProtocol", "1.3.6.1.6.3.10.1.2.2"),
    "AES": ("usmAESPrivProtocol", "1.3.6.1.6.3.10.1.2.4"),
    "AES-192": ("usmAES192PrivProtocol", "1.3.6.1.4.1.14832.1.3"),
    "AES-256": ("usmAES256PrivProtocol", "1.3.6.1.4.1.14832.1.4"),
    "AES-192-C": ("usmAES192CiscoPrivProtocol", "1.3.6.1.4.1.9.12.6.1.1"),
    "AES-256-C": ("usmAES256CiscoPrivProtocol", "1.3.6.1.4.1.9.12.6.1.2"),
}
MAC_LENGTH = {"MD5": 12, "SHA": 12, "SHA-224": 16, "SHA-256": 24, "SHA-384": 32, "SHA-512": 48}
KEY_EXTENSION = {"AES-192": "blumenthal", "AES-256": "blumenthal", "AES-192-C": "reeder", "AES-256-C": "reeder"}


class NetSNMP:
    """The few USM primitives of libnetsnmp, called as net-snmp's own USM code calls them."""

    def __init__(self):
        self.lib = ctypes.CDLL("libnetsnmp.so.40")
        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        libc.malloc.restype = ctypes.c_void_p
        libc.malloc.argtypes = [ctypes.c_size_t]
        self.libc = libc

    def oid(self, table, name):
        symbol, dotted = table[name]
        n = len(dotted.split("."))
        arr = (ctypes.c_ulong * n).in_dll(self.lib, symbol)
        check(".".join(str(x) for x in arr) == dotted, f"{symbol} is not {dotted} in libnetsnmp")
        return arr

    def localized_key(self, auth, password, engine_id):
        a = self.oid(AUTH_OIDS, auth)
        ku = ctypes.create_string_buffer(64)
        kulen = ctypes.c_size_t(64)
        pw = password.encode()
        r = self.lib.generate_Ku(a, ctypes.c_uint(len(a)), pw, ctypes.c_size_t(len(pw)), ku, ctypes.byref(kulen))
        check(r == 0, f"generate_Ku failed ({r})")
        kul = ctypes.create_string_buffer(64)
        kullen = ctypes.c_size_t(64)
        r = self.lib.generate_kul(a, ctypes.c_uint(len(a)), engine_id, ctypes.c_size_t(len(engine_id)),
                                  ku.raw[:kulen.value], ctypes.c_size_t(kulen.value), kul, ctypes.byref(kullen))
        check(r == 0, f"generate_kul failed ({r})")
        return kul.raw[:kullen.value]

    def priv_key(self, auth, priv, password, engine_id):
        """As usm_extend_user_kul: localize with the auth hash, extend to the cipher's need."""
        key = self.localized_key(auth, password, engine_id)
        a = self.oid(AUTH_OIDS, auth)
        p = self.oid(PRIV_OIDS, priv)
        need = self.lib.sc_get_proper_priv_length(p, ctypes.c_uint(len(p)))
        ptype = self.lib.sc_get_privtype(p, ctypes.c_uint(len(p)))
        size = 128
        buf = self.libc.malloc(size)  # netsnmp_extend_kul may realloc it: must be malloc'd
        ctypes.memmove(buf, key, len(key))
        bufp = ctypes.c_void_p(buf)
        buflen = ctypes.c_size_t(len(key))
        r = self.lib.netsnmp_extend_kul(ctypes.c_uint(need), a, ctypes.c_uint(len(a)), ctypes.c_int(ptype),
                                        engine_id, ctypes.c_uint(len(engine_id)),
                                        ctypes.byref(bufp), ctypes.byref(buflen), ctypes.c_uint(size))
        check(r == 0, f"netsnmp_extend_kul failed ({r})")
        return ctypes.string_at(bufp.value, buflen.value), need

    def check_mac(self, auth, key, whole_with_zero_mac, mac):
        a = self.oid(AUTH_OIDS, auth)
        r = self.lib.sc_check_keyed_hash(a, ctypes.c_size_t(len(a)), key, ctypes.c_uint(len(key)),
                                         whole_with_zero_mac, ctypes.c_uint(len(whole_with_zero_mac)),
                                         mac, ctypes.c_uint(len(mac)))
        return r == 0

    def decrypt(self, priv, key, iv, ciphertext):
        p = self.oid(PRIV_OIDS, priv)
        out = ctypes.create_string_buffer(len(ciphertext) + 32)
        outlen = ctypes.c_size_t(len(ciphertext) + 32)
        r = self.lib.sc_decrypt(p, ctypes.c_size_t(len(p)), key, ctypes.c_uint(len(key)), iv, ctypes.c_uint(len(iv)),
                                ciphertext, ctypes.c_uint(len(ciphertext)), out, ctypes.byref(outlen))
        check(r == 0, f"sc_decrypt failed ({r})")
        return out.raw[:outlen.value]


class PySnmpUSM:
    """pysnmp's USM code: the independent second opinion on keys and decryption."""

    def __init__(self):
        from pysnmp.proto.secmod.eso.priv import aes192, aes256
        from pysnmp.proto.secmod.rfc3414.auth import hmacmd5, hmacsha
        from pysnmp.proto.secmod.rfc3414.priv import des
        from pysnmp.proto.secmod.rfc3826.priv import aes
        from pysnmp.proto.secmod.rfc7860.auth import hmacsha2
        self.auth = {
            "MD5": hmacmd5.HmacMd5(), "SHA": hmacsha.HmacSha(),
            "SHA-224": hmacsha2.HmacSha2(hmacsha2.HmacSha2.SHA224_SERVICE_ID),
            "SHA-256": hmacsha2.HmacSha2(hmacsha2.HmacSha2.SHA256_SERVICE_ID),
            # pysnmp 7.1 spells this one SAH384_SERVICE_ID
            "SHA-384": hmacsha2.HmacSha2(getattr(hmacsha2.HmacSha2, "SHA384_SERVICE_ID", None)
                                         or hmacsha2.HmacSha2.SAH384_SERVICE_ID),
            "SHA-512": hmacsha2.HmacSha2(hmacsha2.HmacSha2.SHA512_SERVICE_ID),
        }
        self.priv = {
            "DES": des.Des(), "AES": aes.Aes(),
            "AES-192": aes192.AesBlumenthal192(), "AES-256": aes256.AesBlumenthal256(),
            "AES-192-C": aes192.Aes192(), "AES-256-C": aes256.Aes256(),
        }

    def auth_key(self, auth, password, engine_id):
        a = self.auth[auth]
        eid = univ.OctetString(engine_id)
        return bytes(a.localize_key(a.hash_passphrase(univ.OctetString(password.encode())), eid))

    def priv_key(self, auth, priv, password, engine_id):
        sid = tuple(int(x) for x in AUTH_OIDS[auth][1].split("."))
        p = self.priv[priv]
        eid = univ.OctetString(engine_id)
        return bytes(p.localize_key(sid, p.hash_passphrase(sid, univ.OctetString(password.encode())), eid))

    def verify(self, auth, key, mac, whole):
        """whole: the message as sent, MAC included (pysnmp zeroes it itself)."""
        try:
            self.auth[auth].authenticate_incoming_message(univ.OctetString(key), univ.OctetString(mac), whole)
            return True
        except Exception:
            return False

    def decrypt(self, priv, key, boots, time, salt, ciphertext):
        return bytes(self.priv[priv].decrypt_data(univ.OctetString(key), (boots, time, univ.OctetString(salt)),
                                                  univ.OctetString(ciphertext)))


# ---------------------------------------------------------------- v3

def v3_fields(g, peer, out_lines):
    """Header, security parameters and scoped PDU fields of a v3 datagram, from net-snmp's
    decodes at both ends (the header from the logging tool's; the scoped PDU from both)."""
    by = {}
    for tok, label, tlv, dec in g.entries:
        by.setdefault(label.lower(), (tlv, dec))

    def num(label):
        check(label in by, f"no '{label}' in net-snmp's v3 decode")
        return int.from_bytes(tlv_content(by[label][0]), "big")

    def octets(label):
        check(label in by, f"no '{label}' in net-snmp's v3 decode")
        return tlv_content(by[label][0])

    f = {
        "msg_id": num("msgid"), "msg_max_size": num("msgmaxsize"),
        "msg_flags": octets("msgflags")[0], "msg_security_model": num("msgsecuritymodel"),
        "engine_id": octets("msgauthoritativeengineid").hex(),
        "engine_boots": num("msgauthoritativeengineboots"),
        "engine_time": num("msgauthoritativeenginetime"),
        "user_name": octets("msgusername").decode(),
        "priv_params": octets("msgprivacyparameters").hex(),
        "context_engine_id": octets("contextengineid").hex(),
        "context_name": octets("contextname").decode(),
    }
    # the auth parameters as net-snmp decoded them: received = the MAC; sent = the zero
    # placeholder it encodes before computing the MAC (the wire then has the MAC)
    f["_auth_params_decoded"] = octets("msgauthenticationparameters")
    f.update(pdu_from_both(g, peer, out_lines))
    return f


def py_v3(data):
    msg, rest = decoder.decode(data, asn1Spec=rfc3412.SNMPv3Message())
    check(rest == b"", "trailing bytes after the v3 message")
    hd = msg["msgGlobalData"]
    sp, rest = decoder.decode(msg["msgSecurityParameters"].asOctets(), asn1Spec=UsmSecurityParameters())
    check(rest == b"", "trailing bytes after the USM parameters")
    f = {
        "msg_id": int(hd["msgID"]), "msg_max_size": int(hd["msgMaxSize"]),
        "msg_flags": hd["msgFlags"].asOctets()[0], "msg_security_model": int(hd["msgSecurityModel"]),
        "engine_id": sp["msgAuthoritativeEngineId"].asOctets().hex(),
        "engine_boots": int(sp["msgAuthoritativeEngineBoots"]),
        "engine_time": int(sp["msgAuthoritativeEngineTime"]),
        "user_name": sp["msgUserName"].asOctets().decode(),
        "priv_params": sp["msgPrivacyParameters"].asOctets().hex(),
    }
    mac = sp["msgAuthenticationParameters"].asOctets()
    body = msg["msgData"]
    if body.getName() == "plaintext":
        scoped = body.getComponent()
        enc = None
    else:
        scoped, enc = None, body.getComponent().asOctets()
    return f, mac, scoped, enc


def py_scoped(scoped):
    f = {"context_engine_id": scoped["contextEngineId"].asOctets().hex(),
         "context_name": scoped["contextName"].asOctets().decode()}
    f.update(py_pdu(scoped["data"]))
    return f


# ---------------------------------------------------------------- main

def hexline(b):
    return b.hex() + "\n"


def role_names(name, fields_list):
    """File stems for the datagrams of one exchange."""
    roles = []
    for f in fields_list:
        pdu = f["pdu"]
        roles.append({"Trap": "trap", "SNMPv2-Trap": "trap", "InformRequest": "inform",
                      "Response": "response", "Report": "report"}.get(pdu, "request"))
    if name.startswith("v3-") and roles[:2] == ["request", "report"]:
        roles[0], roles[1] = "discovery-request", "discovery-report"
    if roles == ["trap"]:
        return [name]  # a lone notification: v2c-trap.hex
    roles = ["request" if r == "inform" else r for r in roles]  # v2c-inform-request.hex
    seen, out = {}, []
    for r in roles:
        seen[r] = seen.get(r, 0) + 1
    count = {}
    for r in roles:
        count[r] = count.get(r, 0) + 1
        out.append(f"{name}-{r}" if seen[r] == 1 else f"{name}-{r}-{count[r]}")
    return out


DIRECTION = {"GetRequest": "request", "GetNextRequest": "request", "GetBulkRequest": "request",
             "SetRequest": "request", "Response": "response", "Report": "response", "Trap": "trap",
             "SNMPv2-Trap": "trap", "InformRequest": "inform"}


def load_users(path):
    users = {}
    with open(path) as fh:
        for line in fh:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            u, level, auth, apass, priv, ppass = line.split()
            users[u] = {"user": u, "level": level, "auth": None if auth == "-" else auth,
                        "auth_password": None if apass == "-" else apass,
                        "priv": None if priv == "-" else priv, "priv_password": None if ppass == "-" else ppass}
    return users


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--users", required=True)
    ap.add_argument("--lab", required=True)
    args = ap.parse_args()
    logs = os.path.join(args.work, "logs")
    names = sorted(n[:-4] for n in os.listdir(logs) if n.endswith(".cmd"))
    captured = pcap_payloads(os.path.join(args.work, "capture.pcap"))
    # the other end of every exchange: snmpd (responses, reports) and snmptrapd
    # (notifications), both run with the same -d/-Ddump* logging
    peers = {}
    for log in (os.path.join(args.work, "snmpd.log"), os.path.join(args.work, "trapd", "snmptrapd.log")):
        with open(log, errors="replace") as fh:
            for g in parse_log(fh.read()):
                peers.setdefault((g.direction, g.data), g)

    def peer_of(g):
        p = peers.get(("recv" if g.direction == "send" else "send", g.data))
        check(p is not None, f"the other end did not log this {g.direction} datagram")
        return p

    users = load_users(args.users)
    netsnmp, pyusm = NetSNMP(), PySnmpUSM()
    manifest, v3manifest, failures = [], [], []
    order = {n: i for i, n in enumerate(open(os.path.join(args.work, "order")).read().split())} \
        if os.path.exists(os.path.join(args.work, "order")) else {}
    names.sort(key=lambda n: (order.get(n, 1 << 30), n))

    for name in names:
        try:
            source = open(os.path.join(logs, name + ".cmd")).read().strip()
            log = open(os.path.join(logs, name + ".log"), errors="replace").read()
            out_lines = parse_output(open(os.path.join(logs, name + ".out"), errors="replace").read())
            grams = parse_log(log)
            check(grams, f"{name}: no datagram in the log")
            for g in grams:
                check(captured.count(g.data) >= 1, f"{name}: a {g.direction} datagram is not in the capture")
            if name.startswith("v3-"):
                v3manifest.append(record_v3(name, source, grams, out_lines, users, netsnmp, pyusm, args.out,
                                            peer_of))
                continue
            fields = []
            for g in grams:
                f = {"version": None, "community": None}
                by = {}
                for tok, label, tlv, dec in g.entries:
                    by.setdefault(label.lower(), (tlv, dec))
                ver = first_number(by["snmp version number" if "snmp version number" in by else "snmp version"][1].split(":", 1)[1])
                check(ver in (0, 1), f"version {ver} is not v1 or v2c")
                f["version"] = {0: "1", 1: "2c"}[ver]
                f["community"] = tlv_content(by["community string"][0]).decode("latin-1")
                f.update(pdu_from_both(g, peer_of(g), out_lines if g.direction == "recv" else []))
                compare(f, py_decode_community(g.data), f"{name} datagram {len(fields) + 1}")
                fields.append(f)
            for stem, g, f in zip(role_names(name, fields), grams, fields):
                with open(os.path.join(args.out, stem + ".hex"), "w") as fh:
                    fh.write(hexline(g.data))
                entry = {"file": stem + ".hex", "exchange": name, "source": source,
                         "direction": DIRECTION[f["pdu"]], "length": len(g.data)}
                entry.update(f)
                manifest.append(entry)
        except Mismatch as e:
            failures.append(f"{name}: {e}")

    with open(os.path.join(args.out, "manifest.json"), "w") as fh:
        json.dump(manifest, fh, indent=1)
        fh.write("\n")
    with open(os.path.join(args.out, "v3-manifest.json"), "w") as fh:
        json.dump(v3manifest, fh, indent=1)
        fh.write("\n")
    files = len(manifest) + sum(len(x["messages"]) for x in v3manifest)
    print(f"record.py: {len(manifest)} v1/v2c datagrams, {len(v3manifest)} v3 exchanges, {files} .hex files")
    if failures:
        for f in failures:
            print("record.py: FAILED " + f, file=sys.stderr)
        sys.exit(1)


def record_v3(name, source, grams, out_lines, users, netsnmp, pyusm, outdir, peer_of):
    uname = name[3:]
    if uname.endswith("-set"):
        uname = uname[:-4]
    u = users[uname]
    msgs, fields = [], []
    engine_id = None
    for g in grams:
        f = v3_fields(g, peer_of(g), out_lines if g.direction == "recv" else [])
        pf, wire_mac, scoped, enc = py_v3(g.data)
        compare(f, pf, f"{name} v3 header")
        fields.append(f)
        msgs.append((g, f, wire_mac, scoped, enc))
        if f["engine_id"]:
            engine_id = bytes.fromhex(f["engine_id"])
    check(engine_id is not None, f"{name}: no engine ID discovered")
    entry = dict(u)
    entry.update({"exchange": name, "source": source, "engine_id": engine_id.hex()})
    if u["auth"]:
        entry["auth_protocol_oid"] = AUTH_OIDS[u["auth"]][1]
        entry["mac_length"] = MAC_LENGTH[u["auth"]]
        ak = netsnmp.localized_key(u["auth"], u["auth_password"], engine_id)
        check(ak == pyusm.auth_key(u["auth"], u["auth_password"], engine_id), f"{name}: auth key: pysnmp disagrees")
        entry["auth_key"] = ak.hex()
    if u["priv"]:
        entry["priv_protocol_oid"] = PRIV_OIDS[u["priv"]][1]
        pk, need = netsnmp.priv_key(u["auth"], u["priv"], u["priv_password"], engine_id)
        theirs = pyusm.priv_key(u["auth"], u["priv"], u["priv_password"], engine_id)
        # pysnmp keeps only what the cipher uses (DES: 16 = key + pre-IV); net-snmp keeps more
        check(pk[:len(theirs)] == theirs, f"{name}: priv key: pysnmp disagrees")
        entry["priv_key"] = pk.hex()
        entry["priv_key_used"] = pk[:16 if u["priv"] == "DES" else need].hex()
        entry["priv_key_extension"] = KEY_EXTENSION.get(u["priv"], "none")
    entry["messages"] = []
    for (g, f, wire_mac, scoped, enc), stem in zip(msgs, role_names(name, fields)):
        m = {"file": stem + ".hex", "direction": DIRECTION[f["pdu"]], "length": len(g.data)}
        decoded_auth = f.pop("_auth_params_decoded")
        m.update({k: f[k] for k in ("msg_id", "msg_max_size", "msg_flags", "msg_security_model", "engine_id",
                                    "engine_boots", "engine_time", "user_name")})
        m["auth_params"] = wire_mac.hex()
        m["priv_params"] = f["priv_params"]
        authed = bool(f["msg_flags"] & 1)
        if authed:
            # net-snmp's send decode shows the zero placeholder, its receive decode the MAC
            check(decoded_auth in (wire_mac, bytes(len(wire_mac))), f"{name}: auth params differ from the wire")
            check(len(wire_mac) == MAC_LENGTH[u["auth"]], f"{name}: MAC length {len(wire_mac)}")
            check(g.data.count(wire_mac) == 1, f"{name}: MAC not unique in the message")
            zeroed = g.data.replace(wire_mac, bytes(len(wire_mac)))
            ak = bytes.fromhex(entry["auth_key"])
            check(netsnmp.check_mac(u["auth"], ak, zeroed, wire_mac), f"{name}: libnetsnmp rejects the MAC")
            check(pyusm.verify(u["auth"], ak, wire_mac, g.data), f"{name}: pysnmp rejects the MAC")
            m["mac_verified"] = True
        if enc is not None:
            salt = bytes.fromhex(f["priv_params"])
            pk = bytes.fromhex(entry["priv_key"])
            if u["priv"] == "DES":
                iv = bytes(a ^ b for a, b in zip(salt, pk[8:16]))  # RFC 3414 8.1.1.1
            else:
                iv = struct.pack(">II", f["engine_boots"], f["engine_time"]) + salt  # RFC 3826 3.1.2.1
            plain = netsnmp.decrypt(u["priv"], pk, iv, enc)
            theirs = pyusm.decrypt(u["priv"], bytes.fromhex(entry["priv_key_used"]) if u["priv"] != "DES"
                                   else pk[:16], f["engine_boots"], f["engine_time"], salt, enc)
            check(plain[:len(theirs)] == theirs[:len(plain)], f"{name}: pysnmp decrypts differently")
            sc, pad = decoder.decode(plain, asn1Spec=rfc3412.ScopedPDU())
            scoped_bytes = plain[:len(plain) - len(pad)]
            m["encrypted_pdu"] = enc.hex()
            m["iv"] = iv.hex()
            m["decrypted"] = plain.hex()  # DES: padded to a multiple of 8
            scoped = sc
        else:
            scoped_bytes = encoder.encode(scoped)
            check(g.data.endswith(scoped_bytes), f"{name}: plaintext scoped PDU is not the message's tail")
        m["scoped_pdu"] = scoped_bytes.hex()
        compare(f, py_scoped(scoped), f"{name} scoped PDU")
        for k in ("context_engine_id", "context_name", "pdu", "request_id", "error_status", "error_index",
                  "non_repeaters", "max_repetitions", "varbinds"):
            if k in f:
                m[k] = f[k]
        with open(os.path.join(outdir, stem + ".hex"), "w") as fh:
            fh.write(hexline(g.data))
        entry["messages"].append(m)
    return entry


if __name__ == "__main__":
    main()
