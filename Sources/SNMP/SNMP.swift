@_exported public import SNMPCodec
