; Dojang's Windows installer, for the unbranded build and every branded one, built with
; makensis (NSIS 3) and only the plugins NSIS ships, so that it can be made on any machine,
; this Linux one included:
;   scripts/windows.sh installer [--config branding/<name>/tauri.conf.json]
; (docs/platforms.md, docs/branding.md). Defines given by that script: CONFIG_NSH (written
; by config.py from the Tauri config with the overlay merged: PRODUCT, DISPLAY_NAME, APP_ID,
; VERSION, FILE_VERSION, PUBLISHER, COPYRIGHT, ICON, INSTALLER_ICON, HEADER_IMAGE and
; SIDEBAR_IMAGE when set, and the macros InstallResources and UninstallResources), APP_EXE
; (dojang-app.exe), CLI_EXE (dojang.exe), LOADER_DLL (WebView2Loader.dll), OUT_FILE.
;
; What it does, for the user running it (no administrator rights, as a bank customer's
; installer must):
; - installs the app, the command line and the build's resources (its distribution.toml,
;   logo) into %LOCALAPPDATA%\Programs\<productName>, the folder the app reads them from;
; - registers the dojang: URL scheme (issuance links and signing requests);
; - offers the app in "Open with" for certificate files (.pfx .p12 .der .cer .crt) and
;   issuance files (.html), without taking them from the program that opens them now;
; - adds a Start-menu entry and an entry in Apps & features (its uninstaller);
; - speaks Korean or English, after the user's Windows language.
; Registry keys and ProgIDs are named by the build's identifier, so branded builds and the
; unbranded one live side by side; the dojang: scheme is one per user on Windows, and goes to
; the build installed last.
; Tauri's updater runs it as `/P /UPDATE [/R /ARGS <app args>]` (or /S for /P) once the app
; has exited: /P shows only the progress and closes when done, /UPDATE asks nothing and
; keeps what the person set (as any reinstall does, their data is never touched), /R starts
; the app again with the arguments after /ARGS. An app file still in use (the app exiting)
; is waited for.
; The uninstaller removes all of that and keeps the user's certificates and settings
; (%APPDATA%\<identifier>) unless asked: the box on its page, or /DELETEDATA when silent.
; WebView2, which the window needs, comes with Windows 10 and 11; when it is missing the
; installer says where to get it (it never downloads anything itself).

; 64-bit, as the app is: it runs on every Windows that can run the app.
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!ifndef CONFIG_NSH | APP_EXE | CLI_EXE | OUT_FILE
  !error "scripts/windows.sh gives CONFIG_NSH, APP_EXE, CLI_EXE and OUT_FILE"
!endif
!include "${CONFIG_NSH}"

!define INSTALLER_KEY "Software\${APP_ID}"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_ID}"
!define CLASSES "Software\Classes"
!define SHORTCUT "$SMPROGRAMS\${DISPLAY_NAME}.lnk"
!define WEBVIEW2_KEY "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${DISPLAY_NAME}"
OutFile "${OUT_FILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "${INSTALLER_KEY}" "InstallDir"
VIProductVersion "${FILE_VERSION}"
VIAddVersionKey /LANG=0 "ProductName" "${DISPLAY_NAME}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${DISPLAY_NAME} installer"
VIAddVersionKey /LANG=0 "LegalCopyright" "${COPYRIGHT}"

; /P (passive) and /UPDATE, as Tauri's updater gives them.
Var Passive
Var Update

!define MUI_ICON "${INSTALLER_ICON}"
!define MUI_UNICON "${INSTALLER_ICON}"
!ifdef HEADER_IMAGE
  !define MUI_HEADERIMAGE
  !define MUI_HEADERIMAGE_BITMAP "${HEADER_IMAGE}"
!endif
!ifdef SIDEBAR_IMAGE
  !define MUI_WELCOMEFINISHPAGE_BITMAP "${SIDEBAR_IMAGE}"
!endif
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\dojang-app.exe"

; An update asks nothing; a passive one shows only the progress.
!define MUI_PAGE_CUSTOMFUNCTION_PRE SkipQuestion
!insertmacro MUI_PAGE_WELCOME
!define MUI_PAGE_CUSTOMFUNCTION_PRE SkipQuestion
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_PAGE_CUSTOMFUNCTION_PRE SkipIfPassive
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_COMPONENTS
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the one used when Windows speaks neither.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "Korean"

LangString Pkcs12File ${LANG_ENGLISH} "Certificate file (PKCS#12)"
LangString Pkcs12File ${LANG_KOREAN} "공동인증서 파일 (PKCS#12)"
LangString CertificateFile ${LANG_ENGLISH} "Certificate"
LangString CertificateFile ${LANG_KOREAN} "인증서 파일"
LangString IssuanceFile ${LANG_ENGLISH} "Certificate issuance file"
LangString IssuanceFile ${LANG_KOREAN} "인증서 발급 안내 파일"
LangString NoWebView2 ${LANG_ENGLISH} "${DISPLAY_NAME} needs Microsoft Edge WebView2 for its window, which comes with Windows 10 and 11 and is missing here. Get the Evergreen Runtime from Microsoft's WebView2 page, install it, then start ${DISPLAY_NAME}."
LangString NoWebView2 ${LANG_KOREAN} "${DISPLAY_NAME} 창을 띄우려면 Microsoft Edge WebView2가 필요합니다. Windows 10과 11에는 들어 있지만 이 컴퓨터에는 없습니다. Microsoft의 WebView2 페이지에서 Evergreen Runtime을 받아 설치한 뒤 프로그램을 실행하세요."
LangString WaitingForApp ${LANG_ENGLISH} "Waiting for ${DISPLAY_NAME} to close…"
LangString WaitingForApp ${LANG_KOREAN} "${DISPLAY_NAME} 프로그램이 닫히기를 기다리는 중…"
LangString AppInUse ${LANG_ENGLISH} "${DISPLAY_NAME} is still running, so it cannot be replaced. Close it, then press Retry."
LangString AppInUse ${LANG_KOREAN} "${DISPLAY_NAME} 프로그램이 아직 실행 중이라 바꿀 수 없습니다. 프로그램을 닫은 뒤 [다시 시도]를 누르세요."
LangString DeleteData ${LANG_ENGLISH} "Also delete my certificates and settings kept by ${DISPLAY_NAME}"
LangString DeleteData ${LANG_KOREAN} "${DISPLAY_NAME} 프로그램에 보관한 내 인증서와 설정도 지우기"
LangString DeleteDataHelp ${LANG_ENGLISH} "Certificates in your NPKI folders and on USB drives are never touched. Leave this unticked to keep the certificates stored in this computer's keychain."
LangString DeleteDataHelp ${LANG_KOREAN} "NPKI 폴더와 USB에 있는 인증서는 지우지 않습니다. 이 컴퓨터의 키체인에 보관한 인증서를 남기려면 선택하지 마세요."

; Registers the ProgID NAME (described by DESCRIPTION) opening files with the app, and
; offers it in "Open with" for the extension EXT; the extension's own default is left.
!macro OfferFor EXT NAME
  WriteRegStr HKCU "${CLASSES}\${EXT}\OpenWithProgids" "${NAME}" ""
!macroend
!macro ProgId NAME DESCRIPTION
  WriteRegStr HKCU "${CLASSES}\${NAME}" "" "${DESCRIPTION}"
  WriteRegStr HKCU "${CLASSES}\${NAME}\DefaultIcon" "" "$INSTDIR\dojang-app.exe,0"
  WriteRegStr HKCU "${CLASSES}\${NAME}\shell\open\command" "" '"$INSTDIR\dojang-app.exe" "%1"'
!macroend
!macro Unoffer EXT NAME
  DeleteRegValue HKCU "${CLASSES}\${EXT}\OpenWithProgids" "${NAME}"
  DeleteRegKey /ifempty HKCU "${CLASSES}\${EXT}\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "${CLASSES}\${EXT}"
!macroend

; Writes SOURCE as NAME in the output folder. A file of the running app cannot be replaced
; (Windows holds it): the updater starts this installer as the app exits, so it is tried
; again for 20 seconds; then the person is asked to close the app (silent: the install
; fails, exit code 2).
!macro FileOfApp NAME SOURCE
  StrCpy $R9 0
  SetOverwrite try
  ${Do}
    ClearErrors
    File "/oname=${NAME}" "${SOURCE}"
    ${IfNot} ${Errors}
      ${Break}
    ${EndIf}
    ${If} $R9 = 0
      DetailPrint "$(WaitingForApp)"
    ${EndIf}
    IntOp $R9 $R9 + 1
    ${If} $R9 > 80
      ${If} ${Cmd} `MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(AppInUse)" /SD IDCANCEL IDCANCEL`
        Abort "$(AppInUse)"
      ${EndIf}
      StrCpy $R9 1
    ${EndIf}
    Sleep 250
  ${Loop}
  SetOverwrite on
!macroend

Section "-${PRODUCT}"
  SetOutPath "$INSTDIR"
  !insertmacro FileOfApp "dojang-app.exe" "${APP_EXE}"
  !insertmacro FileOfApp "dojang.exe" "${CLI_EXE}"
  !ifdef LOADER_DLL
    !insertmacro FileOfApp "WebView2Loader.dll" "${LOADER_DLL}"
  !endif
  ; The build's bundle.resources: the app reads distribution.toml from its own folder.
  !insertmacro InstallResources
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "${INSTALLER_KEY}" "InstallDir" "$INSTDIR"

  ; An update keeps the person's choice: the entry is refreshed, not brought back.
  ${If} $Update != 1
  ${OrIf} ${FileExists} "${SHORTCUT}"
    CreateShortcut "${SHORTCUT}" "$INSTDIR\dojang-app.exe"
  ${EndIf}

  ; dojang: links open the app with the link as its argument.
  WriteRegStr HKCU "${CLASSES}\dojang" "" "URL:${DISPLAY_NAME}"
  WriteRegStr HKCU "${CLASSES}\dojang" "URL Protocol" ""
  WriteRegStr HKCU "${CLASSES}\dojang\DefaultIcon" "" "$INSTDIR\dojang-app.exe,0"
  WriteRegStr HKCU "${CLASSES}\dojang\shell\open\command" "" '"$INSTDIR\dojang-app.exe" "%1"'

  !insertmacro ProgId "${APP_ID}.Pkcs12" "$(Pkcs12File)"
  !insertmacro ProgId "${APP_ID}.Certificate" "$(CertificateFile)"
  !insertmacro ProgId "${APP_ID}.Issuance" "$(IssuanceFile)"
  !insertmacro OfferFor ".pfx" "${APP_ID}.Pkcs12"
  !insertmacro OfferFor ".p12" "${APP_ID}.Pkcs12"
  !insertmacro OfferFor ".der" "${APP_ID}.Certificate"
  !insertmacro OfferFor ".cer" "${APP_ID}.Certificate"
  !insertmacro OfferFor ".crt" "${APP_ID}.Certificate"
  !insertmacro OfferFor ".html" "${APP_ID}.Issuance"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${DISPLAY_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\dojang-app.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0

  ; Explorer picks up the new scheme and "Open with" entries.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  ; The window needs WebView2: say where to get it when it is missing (never when silent,
  ; passive or updating: the app ran before).
  ${If} $Passive != 1
  ${AndIf} $Update != 1
    ReadRegStr $0 HKLM "${WEBVIEW2_KEY}" "pv"
    ${If} $0 == ""
      ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}" "pv"
    ${EndIf}
    ${If} $0 == ""
    ${OrIf} $0 == "0.0.0.0"
      MessageBox MB_ICONINFORMATION|MB_OK "$(NoWebView2)" /SD IDOK
    ${EndIf}
  ${EndIf}

  ${If} $Passive = 1
    SetAutoClose true
  ${EndIf}
SectionEnd

Function .onInit
  ${GetOptions} $CMDLINE "/P" $0
  ${IfNot} ${Errors}
    StrCpy $Passive 1
  ${EndIf}
  ${GetOptions} $CMDLINE "/UPDATE" $0
  ${IfNot} ${Errors}
    StrCpy $Update 1
  ${EndIf}
FunctionEnd

Function SkipQuestion
  ${If} $Passive = 1
  ${OrIf} $Update = 1
    Abort
  ${EndIf}
FunctionEnd

Function SkipIfPassive
  ${If} $Passive = 1
    Abort
  ${EndIf}
FunctionEnd

; After a passive or silent install, /R starts the app again with the arguments after
; /ARGS (the finish page's box does it otherwise).
Function .onInstSuccess
  ${If} $Passive = 1
  ${OrIf} ${Silent}
    ${GetOptions} $CMDLINE "/R" $0
    ${IfNot} ${Errors}
      Call RestartArguments
      SetOutPath "$INSTDIR"
      Exec '"$INSTDIR\dojang-app.exe" $R0'
    ${EndIf}
  ${EndIf}
FunctionEnd

; The app's arguments after /ARGS into $R0, exactly as written on the command line, up to
; the next installer option (a "/" after a space, outside quotes) or the end. The updater
; quotes each argument as Windows splits them, and every one holding a "/" (GetOptions
; would unquote a lone quoted argument, so it is not used here).
Function RestartArguments
  Push $1 ; position
  Push $2 ; length
  Push $3 ; this character
  Push $4 ; 1 inside quotes
  Push $5 ; backslashes just before this character
  Push $6 ; 1 once past /ARGS
  Push $7
  StrCpy $R0 ""
  StrCpy $1 0
  StrLen $2 $CMDLINE
  StrCpy $4 0
  StrCpy $5 0
  StrCpy $6 0
  ${DoWhile} $1 < $2
    StrCpy $3 $CMDLINE 1 $1
    ${If} $4 = 0
    ${AndIf} $3 == "/"
    ${AndIf} $1 > 0
      IntOp $7 $1 - 1
      StrCpy $7 $CMDLINE 1 $7
      ${If} $7 == " "
        ${If} $6 = 1
          ${Break}
        ${EndIf}
        StrCpy $7 $CMDLINE 6 $1
        ${If} $7 == "/ARGS "
        ${OrIf} $7 == "/ARGS"
          StrCpy $6 1
          IntOp $1 $1 + 5
          ${Continue}
        ${EndIf}
      ${EndIf}
    ${EndIf}
    ; A quote after an odd number of backslashes is part of the argument.
    ${If} $3 == '"'
      IntOp $7 $5 % 2
      ${If} $7 = 0
        IntOp $4 1 - $4
      ${EndIf}
    ${EndIf}
    ${If} $3 == "\"
      IntOp $5 $5 + 1
    ${Else}
      StrCpy $5 0
    ${EndIf}
    ${If} $6 = 1
      StrCpy $R0 "$R0$3"
    ${EndIf}
    IntOp $1 $1 + 1
  ${Loop}
  ; Without the spaces around it.
  ${DoWhile} $R0 != ""
    StrCpy $7 $R0 1
    ${If} $7 != " "
      ${Break}
    ${EndIf}
    StrCpy $R0 $R0 "" 1
  ${Loop}
  ${DoWhile} $R0 != ""
    StrCpy $7 $R0 1 -1
    ${If} $7 != " "
      ${Break}
    ${EndIf}
    StrCpy $R0 $R0 -1
  ${Loop}
  Pop $7
  Pop $6
  Pop $5
  Pop $4
  Pop $3
  Pop $2
  Pop $1
FunctionEnd

; The data first and the install folder last, so that a script waiting for the folder to
; go (the uninstaller returns at once, running from a copy of itself) finds it all done.
Section /o "un.$(DeleteData)" UnDeleteData
  RMDir /r "$APPDATA\${APP_ID}"
  ; The app's logs and the window's WebView2 data.
  RMDir /r "$LOCALAPPDATA\${APP_ID}"
SectionEnd

Section "-un.${PRODUCT}"
  Delete "${SHORTCUT}"
  ; The scheme, unless a build installed later has taken it.
  ReadRegStr $0 HKCU "${CLASSES}\dojang\shell\open\command" ""
  ${If} $0 == '"$INSTDIR\dojang-app.exe" "%1"'
    DeleteRegKey HKCU "${CLASSES}\dojang"
  ${EndIf}
  !insertmacro Unoffer ".pfx" "${APP_ID}.Pkcs12"
  !insertmacro Unoffer ".p12" "${APP_ID}.Pkcs12"
  !insertmacro Unoffer ".der" "${APP_ID}.Certificate"
  !insertmacro Unoffer ".cer" "${APP_ID}.Certificate"
  !insertmacro Unoffer ".crt" "${APP_ID}.Certificate"
  !insertmacro Unoffer ".html" "${APP_ID}.Issuance"
  DeleteRegKey HKCU "${CLASSES}\${APP_ID}.Pkcs12"
  DeleteRegKey HKCU "${CLASSES}\${APP_ID}.Certificate"
  DeleteRegKey HKCU "${CLASSES}\${APP_ID}.Issuance"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "${INSTALLER_KEY}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  Delete "$INSTDIR\dojang-app.exe"
  Delete "$INSTDIR\dojang.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
  !insertmacro UninstallResources
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
SectionEnd

; Silent uninstalls have no box: /DELETEDATA ticks it.
Function un.onInit
  ${GetOptions} $CMDLINE "/DELETEDATA" $0
  ${IfNot} ${Errors}
    !insertmacro SelectSection ${UnDeleteData}
  ${EndIf}
FunctionEnd

!insertmacro MUI_UNFUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${UnDeleteData} "$(DeleteDataHelp)"
!insertmacro MUI_UNFUNCTION_DESCRIPTION_END
