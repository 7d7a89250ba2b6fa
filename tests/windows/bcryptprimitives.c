/*
 * A test-only stand-in for Windows' bcryptprimitives.dll, for running Dojang's Windows
 * build under Wine 8 (scripts/test-windows.sh puts it beside the .exe).
 *
 * Rust's standard library gets its random bytes from ProcessPrng in bcryptprimitives.dll,
 * which Windows 10 and later export and Wine 8 does not. This DLL exports it, filling the
 * buffer from RtlGenRandom (advapi32's SystemFunction036), which Wine implements with the
 * host's random source. Never shipped: the installer and the release build do not
 * contain it.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
