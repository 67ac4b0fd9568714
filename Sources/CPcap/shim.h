#ifndef NETWARDEN_CPCAP_SHIM_H
#define NETWARDEN_CPCAP_SHIM_H
#include <sys/types.h>
#include <pcap/pcap.h>
#endif
