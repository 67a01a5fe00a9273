; Mobiliza: the Windows installer (NSIS 3, Modern UI 2). See README.md in this folder.
;
;   makensis -WX -DSTAGE=<folder> -DVERSION=<x.y.z> [-DOUTFILE=<file.exe>] [-DPUBLISHER=<name>]
;            [-DSIGNCOMMAND='signtool sign … "%1"'] [-DTARGET=amd64-unicode] mobiliza.nsi
;
; TARGET: the default is the x86-unicode stub every NSIS has (it runs on 64-bit Windows and
; writes the 64-bit registry view); amd64-unicode (Debian's NSIS has it) is what the check
; runs under wine64.
;
; STAGE is the folder that holds mobiliza.exe, mobiliza.com (the command line's
; launcher) and mobiliza.ico (all three from `cmake --install`), what windeployqt put
; beside them, the QuaZip/QtKeychain DLLs (and zlib's, unless QuaZip has it inside) and
; the compiler runtime. It is installed as it is (File /r) into the install
; folder: mobiliza.exe and the DLLs at its root.
;
; Per-user, no administrator: %LOCALAPPDATA%\Programs\Mobiliza, the file types under
; HKCU\Software\Classes, the uninstaller under HKCU\...\Uninstall.
;
; The user's data (%APPDATA%\Mobiliza\mobiliza: reports, photos, partners, the queue;
; the hub token in the Windows credential store) is personal data protected by the
; LGPD and belongs to the secretariat: neither the installer nor the uninstaller
; touches it. This script names that folder only to tell the user that it stays.
;
; The uninstaller removes exactly what was installed: after copying, the installer
; writes the list of the files and folders it put in the install folder
; (mobiliza-install.log) and the uninstaller deletes those, then the folders that are
; left empty. A folder that holds anything else is not installed into.

Unicode true
!ifdef TARGET
  Target ${TARGET}
!endif

; ------------------------------------------------------------------ inputs
!ifndef STAGE
  !error "STAGE is not defined: makensis -DSTAGE=<folder with mobiliza.exe> -DVERSION=<x.y.z> mobiliza.nsi"
!endif
!ifndef VERSION
  !error "VERSION is not defined: pass the version of project() in CMakeLists.txt, e.g. -DVERSION=0.1.0"
!endif
!ifndef OUTFILE
  !define OUTFILE "Mobiliza-${VERSION}-setup.exe"
!endif
!ifndef PUBLISHER
  !define PUBLISHER "Mobiliza"
!endif
; The numeric version of the version resource: four numbers.
!ifndef VIVERSION
  !define VIVERSION "${VERSION}.0"
!endif

; The staged tree must be complete: a missing file stops the build here rather
; than on a user's machine (README.md, "Staging").
!macro REQUIRE_STAGED FILE
  !if ! /FileExists "${STAGE}\${FILE}"
    !error "STAGE is incomplete: ${STAGE}\${FILE} is missing (README.md, Staging)"
  !endif
!macroend
!macro REQUIRE_STAGED_ONE_OF FILE1 FILE2 WHAT
  !if ! /FileExists "${STAGE}\${FILE1}"
    !if ! /FileExists "${STAGE}\${FILE2}"
      !error "STAGE is incomplete: neither ${FILE1} nor ${FILE2} (${WHAT}) is in ${STAGE} (README.md, Staging)"
    !endif
  !endif
!macroend
!insertmacro REQUIRE_STAGED "mobiliza.exe"
!insertmacro REQUIRE_STAGED "mobiliza.com"
!insertmacro REQUIRE_STAGED "mobiliza.ico"
!insertmacro REQUIRE_STAGED "Qt6Core.dll"
!insertmacro REQUIRE_STAGED "Qt6Core5Compat.dll"
!insertmacro REQUIRE_STAGED "Qt6Gui.dll"
!insertmacro REQUIRE_STAGED "Qt6Widgets.dll"
!insertmacro REQUIRE_STAGED "Qt6Sql.dll"
!insertmacro REQUIRE_STAGED "Qt6Network.dll"
!insertmacro REQUIRE_STAGED "Qt6Concurrent.dll"
!insertmacro REQUIRE_STAGED "Qt6Charts.dll"
!insertmacro REQUIRE_STAGED "Qt6Svg.dll"
!insertmacro REQUIRE_STAGED "platforms\qwindows.dll"
!insertmacro REQUIRE_STAGED "sqldrivers\qsqlite.dll"
!insertmacro REQUIRE_STAGED "imageformats\qjpeg.dll"
!insertmacro REQUIRE_STAGED "imageformats\qsvg.dll"
!insertmacro REQUIRE_STAGED "tls\qschannelbackend.dll"
!insertmacro REQUIRE_STAGED_ONE_OF "translations\qt_pt_BR.qm" "translations\qtbase_pt_BR.qm" "Qt's pt-BR catalogue"
!insertmacro REQUIRE_STAGED_ONE_OF "quazip1-qt6.dll" "libquazip1-qt6.dll" "QuaZip"
!insertmacro REQUIRE_STAGED_ONE_OF "qt6keychain.dll" "libqt6keychain.dll" "QtKeychain"
!insertmacro REQUIRE_STAGED_ONE_OF "vcruntime140.dll" "libstdc++-6.dll" "the C++ runtime, MSVC or MinGW"

; ------------------------------------------------------------------ names
!define APP_NAME "Mobiliza"
!define APP_EXE "mobiliza.exe"
!define APP_ICON "mobiliza.ico"
!define UNINSTALLER "uninstall.exe"
!define INSTALL_LOG "mobiliza-install.log"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Mobiliza"
!define CLASSES "Software\Classes"
!define PKG_EXT ".mobiliza"
!define PKG_PROGID "Mobiliza.Package"
!define PKG_MIME "application/x-mobiliza-package"
!define BATCH_EXT ".mobiliza-lote"
!define BATCH_PROGID "Mobiliza.Batch"
!define BATCH_MIME "application/x-mobiliza-batch"
!define SHORTCUT "$SMPROGRAMS\Mobiliza.lnk"

; Code signing (README.md, Signing): -DSIGNCOMMAND='signtool sign … "%1"' signs the
; uninstaller as it is written into the installer, then the installer itself. (Backquotes:
; the command may hold both kinds of quotes, not a backquote.)
!ifdef SIGNCOMMAND
  !uninstfinalize `${SIGNCOMMAND}` = 0
  !finalize `${SIGNCOMMAND}` = 0
!endif

Name "${APP_NAME}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Mobiliza"
InstallDirRegKey HKCU "${UNINST_KEY}" "InstallLocation"
RequestExecutionLevel user
SetCompressor /SOLID lzma
ManifestSupportedOS all
ManifestDPIAware true
ShowInstDetails show
ShowUninstDetails show
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VIVERSION}"
VIFileVersion "${VIVERSION}"
VIAddVersionKey "ProductName" "${APP_NAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "FileDescription" "Instalador do ${APP_NAME}"
VIAddVersionKey "LegalCopyright" "${PUBLISHER}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"
!include "WinVer.nsh"
!include "x64.nsh"

; ------------------------------------------------------------------ pages
!define MUI_ICON "${STAGE}\${APP_ICON}"
!define MUI_UNICON "${STAGE}\${APP_ICON}"
!define MUI_ABORTWARNING

!insertmacro MUI_PAGE_WELCOME
!define MUI_PAGE_CUSTOMFUNCTION_LEAVE DirectoryLeave
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!insertmacro MUI_PAGE_FINISH

!define MUI_WELCOMEPAGE_TEXT "$(UnWelcomeText)"
!insertmacro MUI_UNPAGE_WELCOME
!define MUI_UNCONFIRMPAGE_TEXT_TOP "$(UnConfirmText)"
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; pt-BR first: the default when Windows' language is neither of these.
!insertmacro MUI_LANGUAGE "PortugueseBR"
!insertmacro MUI_LANGUAGE "English"

; ------------------------------------------------------------------ texts
LangString NeedWindows ${LANG_PORTUGUESEBR} "O Mobiliza precisa do Windows 10 (versão 1809 ou mais nova) ou do Windows 11, de 64 bits."
LangString NeedWindows ${LANG_ENGLISH} "Mobiliza needs 64-bit Windows 10 (version 1809 or newer) or Windows 11."
LangString FolderNotOurs ${LANG_PORTUGUESEBR} "A pasta $INSTDIR já tem arquivos que não são do Mobiliza (por exemplo, $R0).$\r$\n$\r$\nEscolha uma pasta nova ou vazia."
LangString FolderNotOurs ${LANG_ENGLISH} "The folder $INSTDIR already holds files that are not Mobiliza's (for example, $R0).$\r$\n$\r$\nChoose a new or empty folder."
LangString AppRunning ${LANG_PORTUGUESEBR} "O Mobiliza está aberto. Feche o Mobiliza e clique em Repetir."
LangString AppRunning ${LANG_ENGLISH} "Mobiliza is open. Close Mobiliza, then click Retry."
LangString PkgType ${LANG_PORTUGUESEBR} "Pacote de relatório do Mobiliza"
LangString PkgType ${LANG_ENGLISH} "Mobiliza report package"
LangString BatchType ${LANG_PORTUGUESEBR} "Lote de relatórios do Mobiliza"
LangString BatchType ${LANG_ENGLISH} "Mobiliza report batch"
LangString UnWelcomeText ${LANG_PORTUGUESEBR} "O programa Mobiliza será removido deste computador.$\r$\n$\r$\nOs dados NÃO serão apagados: os relatórios, as fotos, os parceiros e o que falta enviar continuam na pasta$\r$\n$APPDATA\Mobiliza$\r$\n$\r$\nSão dados pessoais protegidos pela LGPD, sob a responsabilidade da secretaria. Ao instalar o Mobiliza de novo, tudo estará lá. Para apagá-los, siga a política de guarda de dados da secretaria."
LangString UnWelcomeText ${LANG_ENGLISH} "The Mobiliza program will be removed from this computer.$\r$\n$\r$\nThe data will NOT be deleted: the reports, photos, partners and whatever is still to be sent stay in the folder$\r$\n$APPDATA\Mobiliza$\r$\n$\r$\nThey are personal data protected by the LGPD, under the secretariat's responsibility. Install Mobiliza again and everything is there. To delete them, follow the secretariat's data-retention policy."
LangString UnConfirmText ${LANG_PORTUGUESEBR} "O programa será removido da pasta abaixo. Os dados (em $APPDATA\Mobiliza) ficam: não serão apagados."
LangString UnConfirmText ${LANG_ENGLISH} "The program will be removed from the folder below. The data (in $APPDATA\Mobiliza) stay: they will not be deleted."
LangString DataKept ${LANG_PORTUGUESEBR} "Os dados do Mobiliza ficam em $APPDATA\Mobiliza (não foram apagados)."
LangString DataKept ${LANG_ENGLISH} "Mobiliza's data stay in $APPDATA\Mobiliza (not deleted)."

; ------------------------------------------------------------------ shared code
Var LogHandle

; Functions the installer and the uninstaller both use (the uninstaller's are "un.").
!macro SHARED_FUNCTIONS UN
  ; Waits until mobiliza.exe in $INSTDIR is not running (a running program cannot
  ; be opened for writing); aborts when the user gives up (a silent run: at once).
  Function ${UN}WaitAppClosed
    Push $0
    ${If} ${FileExists} "$INSTDIR\${APP_EXE}"
      ${Do}
        ClearErrors
        FileOpen $0 "$INSTDIR\${APP_EXE}" a
        ${IfNot} ${Errors}
          FileClose $0
          ${ExitDo}
        ${EndIf}
        MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(AppRunning)" /SD IDCANCEL IDRETRY retry
        SetErrorLevel 3
        Abort "$(AppRunning)"
        retry:
      ${Loop}
    ${EndIf}
    Pop $0
  FunctionEnd

  ; Deletes what ${INSTALL_LOG} lists ("F path" files, "D path" folders, deepest
  ; first), paths relative to $INSTDIR; a folder goes only when it is empty. Then
  ; the log and the uninstaller. Nothing else in $INSTDIR is touched.
  Function ${UN}RemoveLogged
    Push $0
    Push $1
    Push $2
    Push $3
    ClearErrors
    FileOpen $0 "$INSTDIR\${INSTALL_LOG}" r
    ${IfNot} ${Errors}
      ${Do}
        ClearErrors
        FileReadUTF16LE $0 $1
        ${If} ${Errors}
          ${ExitDo}
        ${EndIf}
        ; the line without its end
        ${Do}
          StrCpy $2 $1 1 -1
          ${If} $2 == "$\n"
          ${OrIf} $2 == "$\r"
            StrCpy $1 $1 -1
          ${Else}
            ${ExitDo}
          ${EndIf}
        ${Loop}
        StrCpy $2 $1 2
        StrCpy $3 $1 "" 2
        Push $3
        Call ${UN}IsSafeRelativePath
        Pop $1
        ${If} $1 == 1
          ${If} $2 == "F "
            Delete "$INSTDIR\$3"
          ${ElseIf} $2 == "D "
            RMDir "$INSTDIR\$3"
          ${EndIf}
        ${EndIf}
      ${Loop}
      FileClose $0
    ${EndIf}
    Delete "$INSTDIR\${INSTALL_LOG}"
    Delete "$INSTDIR\${UNINSTALLER}"
    Pop $3
    Pop $2
    Pop $1
    Pop $0
  FunctionEnd

  ; Pushes 1 when the path on the stack is a plain relative path (not empty, no
  ; drive, not rooted, no ".." part), else 0: a damaged log deletes nothing outside.
  Function ${UN}IsSafeRelativePath
    Exch $0
    Push $1
    Push $2
    StrCpy $2 1
    StrCpy $1 $0 1
    ${If} $0 == ""
    ${OrIf} $1 == "\"
    ${OrIf} $1 == "/"
      StrCpy $2 0
    ${EndIf}
    ${If} $0 == ".."
      StrCpy $2 0
    ${EndIf}
    StrCpy $1 $0 3
    ${If} $1 == "..\"
      StrCpy $2 0
    ${EndIf}
    StrCpy $1 $0 3 -3
    ${If} $1 == "\.."
      StrCpy $2 0
    ${EndIf}
    ; ":" anywhere, "\..\" anywhere
    Push $3
    StrCpy $3 0
    ${Do}
      StrCpy $1 $0 1 $3
      ${If} $1 == ""
        ${ExitDo}
      ${EndIf}
      ${If} $1 == ":"
        StrCpy $2 0
      ${EndIf}
      StrCpy $1 $0 4 $3
      ${If} $1 == "\..\"
        StrCpy $2 0
      ${EndIf}
      IntOp $3 $3 + 1
    ${Loop}
    Pop $3
    StrCpy $0 $2
    Pop $2
    Pop $1
    Exch $0
  FunctionEnd
!macroend
!insertmacro SHARED_FUNCTIONS ""
!insertmacro SHARED_FUNCTIONS "un."

; Writes to $LogHandle, one line each, the files ("F path") and folders ("D path",
; after what they hold) under $INSTDIR\<the relative folder on the stack; "" is
; $INSTDIR itself>, except the log and the uninstaller at the top.
Function WalkInstallFolder
  Exch $0
  Push $1
  Push $2
  Push $3
  ${If} $0 == ""
    FindFirst $1 $2 "$INSTDIR\*"
  ${Else}
    FindFirst $1 $2 "$INSTDIR\$0\*"
  ${EndIf}
  ${DoWhile} $2 != ""
    ${If} $2 != "."
    ${AndIf} $2 != ".."
      ${If} $0 == ""
        StrCpy $3 $2
      ${Else}
        StrCpy $3 "$0\$2"
      ${EndIf}
      ${If} ${FileExists} "$INSTDIR\$3\*.*"
        Push $3
        Call WalkInstallFolder
        FileWriteUTF16LE $LogHandle "D $3$\r$\n"
      ${ElseIf} $3 != "${INSTALL_LOG}"
      ${AndIf} $3 != "${UNINSTALLER}"
        FileWriteUTF16LE $LogHandle "F $3$\r$\n"
      ${EndIf}
    ${EndIf}
    FindNext $1 $2
  ${Loop}
  FindClose $1
  Pop $3
  Pop $2
  Pop $1
  Pop $0
FunctionEnd

; $R0 = "" when $INSTDIR can be installed into: it does not exist, is empty, or
; holds only what a previous Mobiliza installation's log lists. Otherwise $R0 is
; the first file that is not Mobiliza's.
Function CheckInstallFolder
  Push $0
  Push $1
  Push $2
  Push $3
  StrCpy $R0 ""
  ${If} ${FileExists} "$INSTDIR\*.*"
    InitPluginsDir
    FileOpen $LogHandle "$PLUGINSDIR\found.lst" w
    Push ""
    Call WalkInstallFolder
    FileClose $LogHandle
    FileOpen $0 "$PLUGINSDIR\found.lst" r
    ${Do}
      ClearErrors
      FileReadUTF16LE $0 $1
      ${If} ${Errors}
        ${ExitDo}
      ${EndIf}
      StrCpy $2 $1 2
      ${If} $2 == "F "
        StrCpy $1 $1 -2 ; the line end written by WalkInstallFolder
        StrCpy $1 $1 "" 2
        ; Is it in the previous installation's log?
        StrCpy $3 ""
        ClearErrors
        FileOpen $2 "$INSTDIR\${INSTALL_LOG}" r
        ${IfNot} ${Errors}
          ${Do}
            ClearErrors
            FileReadUTF16LE $2 $3
            ${If} ${Errors}
              StrCpy $3 ""
              ${ExitDo}
            ${EndIf}
            ${If} $3 == "F $1$\r$\n"
              ${ExitDo}
            ${EndIf}
          ${Loop}
          FileClose $2
        ${EndIf}
        ${If} $3 == ""
          StrCpy $R0 $1
          ${ExitDo}
        ${EndIf}
      ${EndIf}
    ${Loop}
    FileClose $0
    Delete "$PLUGINSDIR\found.lst"
  ${EndIf}
  Pop $3
  Pop $2
  Pop $1
  Pop $0
FunctionEnd

Function DirectoryLeave
  Push $R0
  Call CheckInstallFolder
  ${If} $R0 != ""
    MessageBox MB_OK|MB_ICONEXCLAMATION "$(FolderNotOurs)"
    Pop $R0
    Abort ; stays on the page
  ${EndIf}
  Pop $R0
FunctionEnd

!macro CHECK_WINDOWS
  ; Qt 6.4: 64-bit Windows 10 1809 (build 17763) or newer.
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastBuild} 17763
    MessageBox MB_OK|MB_ICONSTOP "$(NeedWindows)" /SD IDOK
    SetErrorLevel 4
    Quit
  ${EndIf}
  SetRegView 64
  SetShellVarContext current
!macroend

Function .onInit
  !insertmacro CHECK_WINDOWS
FunctionEnd

Function un.onInit
  !insertmacro CHECK_WINDOWS
FunctionEnd

; Registers an extension to a ProgID of ours: opening the file runs mobiliza.exe FILE.
!macro REGISTER_TYPE EXT PROGID MIME DESCRIPTION
  WriteRegStr HKCU "${CLASSES}\${EXT}" "" "${PROGID}"
  WriteRegStr HKCU "${CLASSES}\${EXT}" "Content Type" "${MIME}"
  WriteRegStr HKCU "${CLASSES}\${EXT}\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "${CLASSES}\${PROGID}" "" "${DESCRIPTION}"
  WriteRegStr HKCU "${CLASSES}\${PROGID}\DefaultIcon" "" "$INSTDIR\${APP_ICON},0"
  WriteRegStr HKCU "${CLASSES}\${PROGID}\shell\open\command" "" '"$INSTDIR\${APP_EXE}" "%1"'
!macroend

; Removes what REGISTER_TYPE wrote, and only that: the extension's values only
; while they are still ours, its key only when nothing else is left in it.
!macro UNREGISTER_TYPE EXT PROGID MIME
  DeleteRegKey HKCU "${CLASSES}\${PROGID}"
  DeleteRegValue HKCU "${CLASSES}\${EXT}\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKCU "${CLASSES}\${EXT}\OpenWithProgids"
  ReadRegStr $0 HKCU "${CLASSES}\${EXT}" ""
  ${If} $0 == "${PROGID}"
    DeleteRegValue HKCU "${CLASSES}\${EXT}" ""
  ${EndIf}
  ReadRegStr $0 HKCU "${CLASSES}\${EXT}" "Content Type"
  ${If} $0 == "${MIME}"
    DeleteRegValue HKCU "${CLASSES}\${EXT}" "Content Type"
  ${EndIf}
  DeleteRegKey /ifempty HKCU "${CLASSES}\${EXT}"
!macroend

; ------------------------------------------------------------------ install
Section "Mobiliza" SecMain
  SectionIn RO

  Call CheckInstallFolder
  ${If} $R0 != ""
    MessageBox MB_OK|MB_ICONSTOP "$(FolderNotOurs)" /SD IDOK
    SetErrorLevel 2
    Abort "$(FolderNotOurs)"
  ${EndIf}
  Call WaitAppClosed

  ; An earlier version in this folder: exactly its files go first, so that
  ; nothing it had and this one does not stays behind.
  ${If} ${FileExists} "$INSTDIR\${INSTALL_LOG}"
    Call RemoveLogged
  ${EndIf}

  SetOutPath "$INSTDIR"
  File /r "${STAGE}\*"

  ; What is in $INSTDIR now is exactly what was installed (checked above).
  FileOpen $LogHandle "$INSTDIR\${INSTALL_LOG}" w
  Push ""
  Call WalkInstallFolder
  FileClose $LogHandle
  WriteUninstaller "$INSTDIR\${UNINSTALLER}"

  CreateShortcut "${SHORTCUT}" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_ICON}" 0

  !insertmacro REGISTER_TYPE "${PKG_EXT}" "${PKG_PROGID}" "${PKG_MIME}" "$(PkgType)"
  !insertmacro REGISTER_TYPE "${BATCH_EXT}" "${BATCH_PROGID}" "${BATCH_MIME}" "$(BatchType)"
  ; SHCNE_ASSOCCHANGED: Explorer shows the new icons and open command at once.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\${APP_ICON}"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\${UNINSTALLER}"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\${UNINSTALLER}" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINST_KEY}" "EstimatedSize" $0
SectionEnd

; ------------------------------------------------------------------ uninstall
Section "Uninstall"
  Call un.WaitAppClosed

  Delete "${SHORTCUT}"
  !insertmacro UNREGISTER_TYPE "${PKG_EXT}" "${PKG_PROGID}" "${PKG_MIME}"
  !insertmacro UNREGISTER_TYPE "${BATCH_EXT}" "${BATCH_PROGID}" "${BATCH_MIME}"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'

  Call un.RemoveLogged
  RMDir "$INSTDIR" ; only when empty: anything that is not ours stays
  DeleteRegKey HKCU "${UNINST_KEY}"

  ; Never $APPDATA\Mobiliza: the secretariat's data stay (LGPD).
  DetailPrint "$(DataKept)"
SectionEnd
