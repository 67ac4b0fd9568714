/*
 * Prints the USM reference values in Tests/SNMPTests/USM/NetSNMPVectors.swift, computed by
 * net-snmp itself: generate_Ku, generate_kul, netsnmp_extend_kul (Blumenthal and Reeder/Cisco
 * key extension), sc_generate_keyed_hash and sc_encrypt.
 *
 *   gcc -w -o /tmp/netsnmp-usm-vectors netsnmp-usm-vectors.c $(pkg-config --cflags --libs netsnmp)
 *   /tmp/netsnmp-usm-vectors            # password "maplesyrup", engine 000000000000000000000002
 *   PASS=123456789 EID=8000... /tmp/netsnmp-usm-vectors
 *
 * Needs libsnmp-dev (net-snmp 5.9, built with NETSNMP_DRAFT_BLUMENTHAL_AES_04 as Debian does).
 * Not part of the build; the tests replay its output without net-snmp.
 */
#include <sys/types.h>
#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>
#include <net-snmp/library/keytools.h>
#include <net-snmp/library/scapi.h>
#include <net-snmp/library/transform_oids.h>
#include <stdio.h>
#include <string.h>

static void hex(const char *label, const u_char *b, size_t n) {
    printf("%s ", label);
    for (size_t i = 0; i < n; i++) printf("%02x", b[i]);
    printf("\n");
}
static void oidp(const char *label, const oid *o, size_t n) {
    printf("%s ", label);
    for (size_t i = 0; i < n; i++) printf(i ? ".%lu" : "%lu", o[i]);
    printf("\n");
}

struct authp { const char *name; oid *o; size_t len; };
struct privp { const char *name; oid *o; size_t len; };

int main(void) {
    struct authp auths[] = {
        {"md5", usmHMACMD5AuthProtocol, 10}, {"sha1", usmHMACSHA1AuthProtocol, 10},
        {"sha224", usmHMAC128SHA224AuthProtocol, 10}, {"sha256", usmHMAC192SHA256AuthProtocol, 10},
        {"sha384", usmHMAC256SHA384AuthProtocol, 10}, {"sha512", usmHMAC384SHA512AuthProtocol, 10},
    };
    struct privp privs[] = {
        {"des", usmDESPrivProtocol, 10}, {"aes", usmAESPrivProtocol, 10},
        {"aes192", usmAES192PrivProtocol, 9}, {"aes256", usmAES256PrivProtocol, 9},
        {"aes192c", usmAES192CiscoPrivProtocol, 11}, {"aes256c", usmAES256CiscoPrivProtocol, 11},

    };
    oidp("oid none", usmNoAuthProtocol, 10);
    oidp("oid nopriv", usmNoPrivProtocol, 10);
    for (int a = 0; a < 6; a++) oidp(auths[a].name, auths[a].o, auths[a].len);
    for (int p = 0; p < 6; p++) { oidp(privs[p].name, privs[p].o, privs[p].len);
        const netsnmp_priv_alg_info *pai = sc_get_priv_alg_byoid(privs[p].o, privs[p].len);
        if (pai) printf("  type 0x%x proper %d iv %d pad %d\n", pai->type, pai->proper_length, pai->iv_length, pai->pad_size);
        else printf("  not in table\n"); }

    u_char eid[12] = {0,0,0,0,0,0,0,0,0,0,0,2};
    const char *pass = getenv("PASS") ? getenv("PASS") : "maplesyrup";
    const char *eidhex = getenv("EID");
    u_char eidbuf[64]; size_t eidlen = 12;
    if (eidhex) { eidlen = strlen(eidhex)/2; for (size_t i=0;i<eidlen;i++) sscanf(eidhex+2*i, "%2hhx", &eidbuf[i]); }
    else memcpy(eidbuf, eid, 12);
    u_char msg[100]; for (int i = 0; i < 100; i++) msg[i] = (u_char)(i * 7 + 3);

    for (int a = 0; a < 6; a++) {
        u_char ku[64], kul[USM_LENGTH_KU_HASHBLOCK]; size_t kulen = sizeof ku, kullen = sizeof kul;
        if (generate_Ku(auths[a].o, 10, (const u_char *)pass, strlen(pass), ku, &kulen)) { printf("Ku fail\n"); return 1; }
        if (generate_kul(auths[a].o, 10, eidbuf, eidlen, ku, kulen, kul, &kullen)) { printf("kul fail\n"); return 1; }
        printf("== %s\n", auths[a].name);
        hex("Ku", ku, kulen); hex("Kul", kul, kullen);
        u_char mac[64]; size_t maclen = sc_get_auth_maclen(sc_get_authtype(auths[a].o, 10));
        u_char zmsg[100]; memcpy(zmsg, msg, 100); memset(zmsg + 40, 0, maclen);
        if (sc_generate_keyed_hash(auths[a].o, 10, kul, kullen, zmsg, 100, mac, &maclen)) { printf("mac fail\n"); return 1; }
        hex("MAC", mac, maclen);
        for (int p = 0; p < 6; p++) {
            const netsnmp_priv_alg_info *pai = sc_get_priv_alg_byoid(privs[p].o, privs[p].len);
            if (!pai) continue;
            u_char *key = (u_char *)malloc(USM_LENGTH_KU_HASHBLOCK); memcpy(key, kul, kullen); size_t keylen = kullen;
            int rc = netsnmp_extend_kul(pai->proper_length, auths[a].o, 10, pai->type, eidbuf, eidlen, &key, &keylen, USM_LENGTH_KU_HASHBLOCK);
            if (rc) { printf("extend fail\n"); return 1; }
            size_t use = pai->type == USM_CREATE_USER_PRIV_DES ? 16 : pai->proper_length;
            char label[64]; snprintf(label, sizeof label, "priv.%s", privs[p].name);
            hex(label, key, use);
            /* encrypt msg with key and iv 0x10.. */
            u_char iv[16]; for (int i = 0; i < 16; i++) iv[i] = (u_char)(0xa0 + i);
            u_char ct[200]; size_t ctlen = sizeof ct;
            size_t ptlen = 100; /* multiple-of-8 needed for DES? use 96 for DES */
            if (pai->type == USM_CREATE_USER_PRIV_DES) ptlen = 96;
            rc = sc_encrypt(privs[p].o, privs[p].len, key, pai->proper_length, iv, pai->iv_length, msg, ptlen, ct, &ctlen);
            snprintf(label, sizeof label, "ct.%s", privs[p].name);
            if (rc) printf("%s FAIL %d\n", label, rc); else hex(label, ct, ctlen);
            free(key);
        }
    }
    return 0;
}
