// The decompression libraries Pipe reads compressed input with, from Debian's packages
// zlib1g-dev, libzstd-dev, libbz2-dev and liblzma-dev (Scripts/setup.sh installs them).
#include <zlib.h>
#include <zstd.h>
#include <bzlib.h>
#include <lzma.h>
