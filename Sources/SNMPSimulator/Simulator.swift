public import SNMP
