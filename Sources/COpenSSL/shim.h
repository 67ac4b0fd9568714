#ifndef NETWARDEN_COPENSSL_SHIM_H
#define NETWARDEN_COPENSSL_SHIM_H
// OpenSSL's libcrypto, for the USM primitives swift-crypto does not have: SHA-224 (and HMAC over it)
// and single DES in CBC mode.
//
// OpenSSL 3 marks the low-level DES API deprecated and moves DES out of the default provider. We call
// DES_set_key_unchecked/DES_ncbc_encrypt anyway: they are compiled into libcrypto itself, need no
// provider module (legacy.so) to be installed or found, and touch no global library context.
// Suppressing the deprecation attributes keeps the Swift build free of warnings.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <stddef.h>
#include <openssl/crypto.h>
#include <openssl/des.h>
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>

/// Starts an HMAC-SHA-224 computation with `key`; NULL on failure. Free with EVP_MAC_CTX_free.
static inline EVP_MAC_CTX *netwarden_hmac_sha224_new(const unsigned char *key, size_t key_length) {
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    if (mac == NULL) return NULL;
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
    EVP_MAC_free(mac); // the context keeps its own reference
    if (ctx == NULL) return NULL;
    char digest[] = "SHA224";
    OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_end(),
    };
    if (EVP_MAC_init(ctx, key, key_length, params) != 1) {
        EVP_MAC_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}

#endif
