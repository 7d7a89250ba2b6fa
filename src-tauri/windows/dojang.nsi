; Dojang's Windows installer, built with makensis (NSIS 3) and only the plugins NSIS ships,
; so that it can be made on any machine, this Linux one included:
;   scripts/windows.sh installer   (docs/platforms.md)
; Defines given by that script: VERSION, APP_EXE (dojang-app.exe), CLI_EXE (dojang.exe),
; LOADER_DLL (WebView2Loader.dll), ICON (icons/icon.ico), OUT_FILE.
;
; What it does, for the user running it (no administrator rights, as a bank customer's
; installer must):
; - installs the app and the command line into %LOCALAPPDATA%\Programs\Dojang;
; - registers the dojang: URL scheme (issuance links and, later, signing requests);
; - offers the app in "Open with" for certificate files (.pfx .p12 .der .cer .crt) and
;   issuance files (.html), without taking them from the program that opens them now;
; - adds a Start-menu entry and an entry in Apps & features (its uninstaller);
; - speaks Korean or English, after the user's Windows language.
; The uninstaller removes all of that and keeps the user's certificates and settings
; (%APPDATA%\kr.dojang.app) unless asked: the box on its page, or /DELETEDATA when silent.
; WebView2, which the window needs, comes with Windows 10 and 11; when it is missing the
; installer says where to get it (it never downloads anything itself).

; 64-bit, as the app is: it runs on every Windows that can run the app.
Target amd64-unicode
ManifestDPIAware true
SetCompressor /SOLID lzma

!include "MUI2.nsh"
!include "FileFunc.nsh"
!include "LogicLib.nsh"

!ifndef VERSION | APP_EXE | CLI_EXE | ICON | OUT_FILE
  !error "scripts/windows.sh gives VERSION, APP_EXE, CLI_EXE, ICON and OUT_FILE"
!endif

!define PRODUCT "Dojang"
; The product's name in both languages, as the window's title has it.
!define DISPLAY_NAME "도장 Dojang"
!define APP_ID "kr.dojang.app"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${PRODUCT}"
!define CLASSES "Software\Classes"
!define WEBVIEW2_KEY "SOFTWARE\WOW6432Node\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"

Name "${DISPLAY_NAME}"
OutFile "${OUT_FILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${PRODUCT}"
InstallDirRegKey HKCU "Software\${PRODUCT}" "InstallDir"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "${PRODUCT} installer"
VIAddVersionKey /LANG=0 "LegalCopyright" "Dojang contributors, Apache License 2.0"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\dojang-app.exe"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
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
LangString NoWebView2 ${LANG_ENGLISH} "Dojang's window needs Microsoft Edge WebView2, which comes with Windows 10 and 11 and is missing here. Get the Evergreen Runtime from Microsoft's WebView2 page, install it, then start Dojang."
LangString NoWebView2 ${LANG_KOREAN} "도장의 창을 띄우려면 Microsoft Edge WebView2가 필요합니다. Windows 10과 11에는 들어 있지만 이 컴퓨터에는 없습니다. Microsoft의 WebView2 페이지에서 Evergreen Runtime을 받아 설치한 뒤 도장을 실행하세요."
LangString DeleteData ${LANG_ENGLISH} "Also delete my certificates and settings kept by Dojang"
LangString DeleteData ${LANG_KOREAN} "도장이 보관하던 내 인증서와 설정도 지우기"
LangString DeleteDataHelp ${LANG_ENGLISH} "Certificates in your NPKI folders and on USB drives are never touched. Leave this unticked to keep the certificates Dojang keeps in this computer's keychain."
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

Section "-Dojang"
  SetOutPath "$INSTDIR"
  File "/oname=dojang-app.exe" "${APP_EXE}"
  File "/oname=dojang.exe" "${CLI_EXE}"
  !ifdef LOADER_DLL
    File "/oname=WebView2Loader.dll" "${LOADER_DLL}"
  !endif
  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "Software\${PRODUCT}" "InstallDir" "$INSTDIR"

  CreateShortcut "$SMPROGRAMS\${DISPLAY_NAME}.lnk" "$INSTDIR\dojang-app.exe"

  ; dojang: links open the app with the link as its argument.
  WriteRegStr HKCU "${CLASSES}\dojang" "" "URL:${DISPLAY_NAME}"
  WriteRegStr HKCU "${CLASSES}\dojang" "URL Protocol" ""
  WriteRegStr HKCU "${CLASSES}\dojang\DefaultIcon" "" "$INSTDIR\dojang-app.exe,0"
  WriteRegStr HKCU "${CLASSES}\dojang\shell\open\command" "" '"$INSTDIR\dojang-app.exe" "%1"'

  !insertmacro ProgId "Dojang.Pkcs12" "$(Pkcs12File)"
  !insertmacro ProgId "Dojang.Certificate" "$(CertificateFile)"
  !insertmacro ProgId "Dojang.Issuance" "$(IssuanceFile)"
  !insertmacro OfferFor ".pfx" "Dojang.Pkcs12"
  !insertmacro OfferFor ".p12" "Dojang.Pkcs12"
  !insertmacro OfferFor ".der" "Dojang.Certificate"
  !insertmacro OfferFor ".cer" "Dojang.Certificate"
  !insertmacro OfferFor ".crt" "Dojang.Certificate"
  !insertmacro OfferFor ".html" "Dojang.Issuance"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${DISPLAY_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PRODUCT}"
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

  ; The window needs WebView2: say where to get it when it is missing (never when silent).
  ReadRegStr $0 HKLM "${WEBVIEW2_KEY}" "pv"
  ${If} $0 == ""
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    MessageBox MB_ICONINFORMATION|MB_OK "$(NoWebView2)" /SD IDOK
  ${EndIf}
SectionEnd

; The data first and the install folder last, so that a script waiting for the folder to
; go (the uninstaller returns at once, running from a copy of itself) finds it all done.
Section /o "un.$(DeleteData)" UnDeleteData
  RMDir /r "$APPDATA\${APP_ID}"
SectionEnd

Section "-un.Dojang"
  Delete "$SMPROGRAMS\${DISPLAY_NAME}.lnk"
  DeleteRegKey HKCU "${CLASSES}\dojang"
  !insertmacro Unoffer ".pfx" "Dojang.Pkcs12"
  !insertmacro Unoffer ".p12" "Dojang.Pkcs12"
  !insertmacro Unoffer ".der" "Dojang.Certificate"
  !insertmacro Unoffer ".cer" "Dojang.Certificate"
  !insertmacro Unoffer ".crt" "Dojang.Certificate"
  !insertmacro Unoffer ".html" "Dojang.Issuance"
  DeleteRegKey HKCU "${CLASSES}\Dojang.Pkcs12"
  DeleteRegKey HKCU "${CLASSES}\Dojang.Certificate"
  DeleteRegKey HKCU "${CLASSES}\Dojang.Issuance"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\${PRODUCT}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  Delete "$INSTDIR\dojang-app.exe"
  Delete "$INSTDIR\dojang.exe"
  Delete "$INSTDIR\WebView2Loader.dll"
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
