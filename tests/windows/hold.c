/*
 * A test-only Windows program that holds a file as Windows holds the executable of a
 * running program: mapped as an image, so that it cannot be written over or deleted,
 * until the program is ended. `hold.exe PATH` prints "held" once it holds PATH.
 *
 * The installer's update test (tests/tests/windows_installer.rs) holds the installed app
 * with it, as the app still exiting holds it when Tauri's updater starts the installer.
 * Under Wine the app itself cannot stand in: without WebView2 it exits at once. Never
 * shipped.
 */
#include <stdio.h>
#include <windows.h>

int wmain(int argc, wchar_t **argv)
{
    if (argc != 2)
        return 2;
    if (!LoadLibraryExW(argv[1], NULL, DONT_RESOLVE_DLL_REFERENCES))
        return 1;
    printf("held\n");
    fflush(stdout);
    Sleep(INFINITE);
    return 0;
}
