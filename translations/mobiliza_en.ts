<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>Application</name>
        <message>
            <location filename="../app/ui/application.cpp" line="+66" />
            <source>Mobiliza</source>
            <translation>Mobiliza</translation>
        </message>
        <message>
            <location line="+62" />
            <source>This profile has no municipality yet. Run once with --municipality IBGE (the 7-digit IBGE code), or start Mobiliza without headless options to choose it.</source>
            <translation>This profile has no municipality yet. Run once with --municipality IBGE (the 7-digit IBGE code), or start Mobiliza without headless options to choose it.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>"%1" is not the IBGE code of a municipality of Minas Gerais. Check the 7-digit code (for example 3106200 for Belo Horizonte).</source>
            <translation>"%1" is not the IBGE code of a municipality of Minas Gerais. Check the 7-digit code (for example 3106200 for Belo Horizonte).</translation>
        </message>
        <message>
            <location line="+36" />
            <source>Could not save the screenshot to %1. Check that the folder exists and is writable.</source>
            <translation>Could not save the screenshot to %1. Check that the folder exists and is writable.</translation>
        </message>
    </context>
    <context>
        <name>BlobStore</name>
        <message>
            <location filename="../core/services/blob_store.cpp" line="+26" />
            <source>The photo file %1 could not be written or read (%2). Check that the disk is connected and has free space, then try again.</source>
            <translation>The photo file %1 could not be written or read (%2). Check that the disk is connected and has free space, then try again.</translation>
        </message>
        <message>
            <location line="+116" />
            <source>A photo file is missing from the data folder (%1). Add the photo again.</source>
            <translation>A photo file is missing from the data folder (%1). Add the photo again.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>A photo file is damaged on the disk (%1). Remove the photo and add it again.</source>
            <translation>A photo file is damaged on the disk (%1). Remove the photo and add it again.</translation>
        </message>
    </context>
    <context>
        <name>BrValidators</name>
        <message>
            <location filename="../core/validators/br_validators.cpp" line="+74" />
            <source>Type the CPF (11 digits).</source>
            <translation>Type the CPF (11 digits).</translation>
        </message>
        <message>
            <location line="+5" />
            <source>A CPF has only digits. Remove the letters or symbols and type the 11 digits.</source>
            <translation>A CPF has only digits. Remove the letters or symbols and type the 11 digits.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>A CPF has 11 digits; you typed %1. Check the number and type all 11 digits.</source>
            <translation>A CPF has 11 digits; you typed %1. Check the number and type all 11 digits.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>This CPF is not valid: all its digits are the same. Type the person's real CPF.</source>
            <translation>This CPF is not valid: all its digits are the same. Type the person's real CPF.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>This CPF is not valid: its last two digits (check digits) do not match. Check for a typo.</source>
            <translation>This CPF is not valid: its last two digits (check digits) do not match. Check for a typo.</translation>
        </message>
        <message>
            <location line="+63" />
            <source>Type the CNPJ (14 characters).</source>
            <translation>Type the CNPJ (14 characters).</translation>
        </message>
        <message>
            <location line="+5" />
            <source>A CNPJ has only digits and letters. Remove the other characters and type the 14 characters.</source>
            <translation>A CNPJ has only digits and letters. Remove the other characters and type the 14 characters.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>A CNPJ has 14 characters; you typed %1. Check the number and type all 14.</source>
            <translation>A CNPJ has 14 characters; you typed %1. Check the number and type all 14.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The last two characters of a CNPJ (check digits) are always digits. Check the number.</source>
            <translation>The last two characters of a CNPJ (check digits) are always digits. Check the number.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>This CNPJ is not valid: all its characters are the same. Type the organization's real CNPJ.</source>
            <translation>This CNPJ is not valid: all its characters are the same. Type the organization's real CNPJ.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>This CNPJ is not valid: its last two digits (check digits) do not match. Check for a typo.</source>
            <translation>This CNPJ is not valid: its last two digits (check digits) do not match. Check for a typo.</translation>
        </message>
        <message>
            <location line="+24" />
            <source>Type the CPF (11 digits) or the CNPJ (14 characters).</source>
            <translation>Type the CPF (11 digits) or the CNPJ (14 characters).</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Type a CPF (11 digits) or a CNPJ (14 characters); you typed %1 characters.</source>
            <translation>Type a CPF (11 digits) or a CNPJ (14 characters); you typed %1 characters.</translation>
        </message>
        <message>
            <location line="+43" />
            <source>Type the phone number with the area code (DDD), e.g. (31) 98765-4321.</source>
            <translation>Type the phone number with the area code (DDD), e.g. (31) 98765-4321.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>A phone number has only digits. Remove the letters or symbols and type it like (31) 98765-4321.</source>
            <translation>A phone number has only digits. Remove the letters or symbols and type it like (31) 98765-4321.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Only Brazilian numbers (+55) are accepted. Type the number with the area code (DDD), e.g. (31) 98765-4321.</source>
            <translation>Only Brazilian numbers (+55) are accepted. Type the number with the area code (DDD), e.g. (31) 98765-4321.</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Add the area code (DDD) before the number, e.g. (31) 98765-4321.</source>
            <translation>Add the area code (DDD) before the number, e.g. (31) 98765-4321.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>This phone number has %1 digits. Type the area code (DDD) and the number: 10 digits for a landline, 11 for a mobile.</source>
            <translation>This phone number has %1 digits. Type the area code (DDD) and the number: 10 digits for a landline, 11 for a mobile.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>%1 is not a Brazilian area code (DDD). Check the first two digits; in Minas Gerais they are 31 to 35, 37 or 38.</source>
            <translation>%1 is not a Brazilian area code (DDD). Check the first two digits; in Minas Gerais they are 31 to 35, 37 or 38.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>A mobile number has 9 digits and starts with 9. Check the number.</source>
            <translation>A mobile number has 9 digits and starts with 9. Check the number.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Mobile numbers have 9 digits starting with 9. Add a 9 in front: %1.</source>
            <translation>Mobile numbers have 9 digits starting with 9. Add a 9 in front: %1.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>A landline number starts with 2, 3, 4 or 5. Check the number.</source>
            <translation>A landline number starts with 2, 3, 4 or 5. Check the number.</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Type the CEP (8 digits), e.g. 30130-010.</source>
            <translation>Type the CEP (8 digits), e.g. 30130-010.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>A CEP has only digits. Type it like 30130-010.</source>
            <translation>A CEP has only digits. Type it like 30130-010.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>A CEP has 8 digits; you typed %1. Type it like 30130-010.</source>
            <translation>A CEP has 8 digits; you typed %1. Type it like 30130-010.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>00000-000 is not a valid CEP. Type the CEP of the address.</source>
            <translation>00000-000 is not a valid CEP. Type the CEP of the address.</translation>
        </message>
        <message>
            <location line="+31" />
            <source>Type the date as dd/mm/aaaa, e.g. 05/03/2026.</source>
            <translation>Type the date as dd/mm/aaaa, e.g. 05/03/2026.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Type the date as dd/mm/aaaa (day, month and the year with 4 digits), e.g. 05/03/2026.</source>
            <translation>Type the date as dd/mm/aaaa (day, month and the year with 4 digits), e.g. 05/03/2026.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>The year %1 is out of range. Type a year between 1900 and 2100.</source>
            <translation>The year %1 is out of range. Type a year between 1900 and 2100.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Month %1 does not exist. Type the date as dd/mm/aaaa with a month from 01 to 12.</source>
            <translation>Month %1 does not exist. Type the date as dd/mm/aaaa with a month from 01 to 12.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Day %1 does not exist in %2/%3 (that month has %4 days). Check the date.</source>
            <translation>Day %1 does not exist in %2/%3 (that month has %4 days). Check the date.</translation>
        </message>
    </context>
    <context>
        <name>CommandLine</name>
        <message>
            <location filename="../app/ui/command_line.cpp" line="+19" />
            <source>Mobiliza: records social-mobilization actions in public health, offline first.</source>
            <translation>Mobiliza: records social-mobilization actions in public health, offline first.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Shows this help.</source>
            <translation>Shows this help.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Shows the version.</source>
            <translation>Shows the version.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Profile folder (default: the platform's application data folder).</source>
            <translation>Profile folder (default: the platform's application data folder).</translation>
        </message>
        <message>
            <location line="+1" />
            <source>DIR</source>
            <translation>DIR</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Interface language: pt_BR (default) or en.</source>
            <translation>Interface language: pt_BR (default) or en.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>LANG</source>
            <translation>LANG</translation>
        </message>
        <message>
            <location line="+3" />
            <source>IBGE code of the municipality this profile reports for (first use only).</source>
            <translation>IBGE code of the municipality this profile reports for (first use only).</translation>
        </message>
        <message>
            <location line="+0" />
            <source>IBGE</source>
            <translation>IBGE</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Fills the profile with a clearly marked demonstration data set.</source>
            <translation>Fills the profile with a clearly marked demonstration data set.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Saves the main window (1280×800) as a PNG image and exits.</source>
            <translation>Saves the main window (1280×800) as a PNG image and exits.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>FILE</source>
            <translation>FILE</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Page for --screenshot: reports, partners, sync, panel or settings.</source>
            <translation>Page for --screenshot: reports, partners, sync, panel or settings.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>NAME</source>
            <translation>NAME</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Prints one line per report (YYYY-MM, state, revision) and exits.</source>
            <translation>Prints one line per report (YYYY-MM, state, revision) and exits.</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Unexpected argument: %1. See --help.</source>
            <translation>Unexpected argument: %1. See --help.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Unknown language "%1": use pt_BR or en.</source>
            <translation>Unknown language "%1": use pt_BR or en.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>--page is only used with --screenshot FILE.</source>
            <translation>--page is only used with --screenshot FILE.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Unknown page "%1": use one of %2.</source>
            <translation>Unknown page "%1": use one of %2.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>--data-dir needs a folder.</source>
            <translation>--data-dir needs a folder.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Use either --status or --screenshot, not both.</source>
            <translation>Use either --status or --screenshot, not both.</translation>
        </message>
    </context>
    <context>
        <name>Database</name>
        <message>
            <location filename="../core/store/database.cpp" line="+24" />
            <source>Mobiliza cannot write to %1. Check that the disk is connected, that it is not full and that your user may write there, then open Mobiliza again.</source>
            <translation>Mobiliza cannot write to %1. Check that the disk is connected, that it is not full and that your user may write there, then open Mobiliza again.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>The file %1 is not a Mobiliza database or is damaged (%2). It was not changed. Restore a backup copy or choose another data folder.</source>
            <translation>The file %1 is not a Mobiliza database or is damaged (%2). It was not changed. Restore a backup copy or choose another data folder.</translation>
        </message>
        <message>
            <location line="+50" />
            <source>The SQLite driver of Qt (QSQLITE) is not installed. Reinstall Mobiliza.</source>
            <translation>The SQLite driver of Qt (QSQLITE) is not installed. Reinstall Mobiliza.</translation>
        </message>
        <message>
            <location line="+26" />
            <source>The data in %1 was saved by a newer version of Mobiliza (data format %2; this version knows up to %3). Update Mobiliza to open it. Nothing was changed.</source>
            <translation>The data in %1 was saved by a newer version of Mobiliza (data format %2; this version knows up to %3). Update Mobiliza to open it. Nothing was changed.</translation>
        </message>
        <message>
            <location line="+65" />
            <source>The database in %1 is damaged (%2). Restore a backup copy and report this message to the support team.</source>
            <translation>The database in %1 is damaged (%2). Restore a backup copy and report this message to the support team.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>The database is busy in another window or program. Close it and try again.</source>
            <translation>The database is busy in another window or program. Close it and try again.</translation>
        </message>
        <message>
            <location filename="../core/store/migrations.cpp" line="+34" />
            <source>The data could not be updated to the format of this version of Mobiliza (step %1, "%2": %3). Nothing was changed: the data is as it was before. Report this message to the support team.</source>
            <translation>The data could not be updated to the format of this version of Mobiliza (step %1, "%2": %3). Nothing was changed: the data is as it was before. Report this message to the support team.</translation>
        </message>
        <message>
            <location filename="../core/store/sql.cpp" line="+13" />
            <source>The data could not be saved or read (%1). Nothing was changed. Try again; if it keeps happening, check the free space on the disk.</source>
            <translation>The data could not be saved or read (%1). Nothing was changed. Try again; if it keeps happening, check the free space on the disk.</translation>
        </message>
    </context>
    <context>
        <name>DemoData</name>
        <message>
            <location filename="../core/demo/demo_data.cpp" line="+139" />
            <source>This profile already holds real reports or partners, so no demonstration data was added. Use --demo-data with a new, empty --data-dir.</source>
            <translation>This profile already holds real reports or partners, so no demonstration data was added. Use --demo-data with a new, empty --data-dir.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Choose the profile's municipality before adding demonstration data.</source>
            <translation>Choose the profile's municipality before adding demonstration data.</translation>
        </message>
    </context>
    <context>
        <name>Partner</name>
        <message>
            <location filename="../app/ui/models/partner_list_model.cpp" line="+13" />
            <source>Individual</source>
            <translation>Individual</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Organization</source>
            <translation>Organization</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Informal group</source>
            <translation>Informal group</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Mapped</source>
            <translation>Mapped</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Sensitized</source>
            <translation>Sensitized</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Active partnership</source>
            <translation>Active partnership</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Inactive</source>
            <translation>Inactive</translation>
        </message>
    </context>
    <context>
        <name>PartnerService</name>
        <message>
            <location filename="../core/services/partner_service.cpp" line="+143" />
            <source>The partner has no name. Type the name and save again.</source>
            <translation>The partner has no name. Type the name and save again.</translation>
        </message>
        <message>
            <location filename="../core/services/service_errors.cpp" line="+34" />
            <source>The partner was not found. It may have been erased: reopen the partners register.</source>
            <translation>The partner was not found. It may have been erased: reopen the partners register.</translation>
        </message>
    </context>
    <context>
        <name>ProfileService</name>
        <message>
            <location filename="../core/services/profile_service.cpp" line="+118" />
            <source>"%1" is not a municipality code. Choose the municipality from the list.</source>
            <translation>"%1" is not a municipality code. Choose the municipality from the list.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>This profile already belongs to the municipality %1 and cannot be moved to %2. To record another municipality's data, create a separate profile.</source>
            <translation>This profile already belongs to the municipality %1 and cannot be moved to %2. To record another municipality's data, create a separate profile.</translation>
        </message>
        <message>
            <location line="+32" />
            <source>The setting "%1" cannot be changed here.</source>
            <translation>The setting "%1" cannot be changed here.</translation>
        </message>
    </context>
    <context>
        <name>ProgramDefinition</name>
        <message>
            <location filename="../core/program/program_definition.cpp" line="+32" />
            <source>Could not read the program definition “%1”: %2. Check that the file exists and can be read.</source>
            <translation>Could not read the program definition “%1”: %2. Check that the file exists and can be read.</translation>
        </message>
        <message>
            <location filename="../core/program/program_loader.cpp" line="+78" />
            <source>text</source>
            <translation>text</translation>
        </message>
        <message>
            <location line="+2" />
            <source>a whole number</source>
            <translation>a whole number</translation>
        </message>
        <message>
            <location line="+2" />
            <source>a number</source>
            <translation>a number</translation>
        </message>
        <message>
            <location line="+2" />
            <source>true or false</source>
            <translation>true or false</translation>
        </message>
        <message>
            <location line="+2" />
            <source>a list</source>
            <translation>a list</translation>
        </message>
        <message>
            <location line="+2" />
            <source>an object</source>
            <translation>an object</translation>
        </message>
        <message>
            <location line="+17" />
            <location line="+89" />
            <location line="+199" />
            <source>%1: the name “%2” is not valid. Use lower-case letters, digits and underscores, starting with a letter.</source>
            <translation>%1: the name “%2” is not valid. Use lower-case letters, digits and underscores, starting with a letter.</translation>
        </message>
        <message>
            <location line="-281" />
            <location line="+17" />
            <location line="+53" />
            <location filename="../core/program/program_loader_p.h" line="+89" />
            <location filename="../core/program/program_rules_loader.cpp" line="+16" />
            <location line="+62" />
            <location line="+5" />
            <source>%1: “%2” has the wrong type; it must be %3.</source>
            <translation>%1: “%2” has the wrong type; it must be %3.</translation>
        </message>
        <message>
            <location line="-63" />
            <source>The catalogue “%1” is empty. Add at least one entry.</source>
            <translation>The catalogue “%1” is empty. Add at least one entry.</translation>
        </message>
        <message>
            <location line="+29" />
            <source>The catalogue “%1” has the code “%2” more than once. Each entry needs its own code.</source>
            <translation>The catalogue “%1” has the code “%2” more than once. Each entry needs its own code.</translation>
        </message>
        <message>
            <location line="+21" />
            <source>The program has no fields. Add at least one field.</source>
            <translation>The program has no fields. Add at least one field.</translation>
        </message>
        <message>
            <location line="+34" />
            <source>The field “%1” has the unknown type “%2”. Use one of: %3.</source>
            <translation>The field “%1” has the unknown type “%2”. Use one of: %3.</translation>
        </message>
        <message>
            <location line="+11" />
            <location line="+55" />
            <source>%1: “%2” does not apply to fields of type “%3”. Remove it.</source>
            <translation>%1: “%2” does not apply to fields of type “%3”. Remove it.</translation>
        </message>
        <message>
            <location line="-35" />
            <source>The field “%1” has a minimum (%2) greater than its maximum (%3).</source>
            <translation>The field “%1” has a minimum (%2) greater than its maximum (%3).</translation>
        </message>
        <message>
            <location line="+31" />
            <source>The field “%1” of type “%2” needs a catalogue. Add “catalogue”.</source>
            <translation>The field “%1” of type “%2” needs a catalogue. Add “catalogue”.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>The field “%1” refers to the catalogue “%2”, which the program does not define. Add the catalogue or fix the name.</source>
            <translation>The field “%1” refers to the catalogue “%2”, which the program does not define. Add the catalogue or fix the name.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>The “other” value “%1” of the field “%2” is not a code of the catalogue “%3”.</source>
            <translation>The “other” value “%1” of the field “%2” is not a code of the catalogue “%3”.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>The field id “%1” is used more than once. Each field needs its own id.</source>
            <translation>The field id “%1” is used more than once. Each field needs its own id.</translation>
        </message>
        <message>
            <location line="+31" />
            <source>The field “%1” has the unknown role “%2”. Use one of: %3.</source>
            <translation>The field “%1” has the unknown role “%2”. Use one of: %3.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The field “%1” cannot have the role “%2”: that role needs a field of type %3.</source>
            <translation>The field “%1” cannot have the role “%2”: that role needs a field of type %3.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The role “%1” is given to more than one field (“%2” and “%3”). Keep it on one field.</source>
            <translation>The role “%1” is given to more than one field (“%2” and “%3”). Keep it on one field.</translation>
        </message>
        <message>
            <location line="+22" />
            <source>The program definition is not valid JSON (%1 at position %2). Fix the file or ask for a corrected program definition.</source>
            <translation>The program definition is not valid JSON (%1 at position %2). Fix the file or ask for a corrected program definition.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>The program definition must be a JSON object. Fix the file or ask for a corrected program definition.</source>
            <translation>The program definition must be a JSON object. Fix the file or ask for a corrected program definition.</translation>
        </message>
        <message>
            <location line="+21" />
            <source>The program definition uses format version %1, but this version of Mobiliza reads only up to version %2. Update Mobiliza.</source>
            <translation>The program definition uses format version %1, but this version of Mobiliza reads only up to version %2. Update Mobiliza.</translation>
        </message>
        <message>
            <location line="+34" />
            <source>The program definition is not valid. Fix these problems:</source>
            <translation>The program definition is not valid. Fix these problems:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The program definition “%1” is not valid. Fix these problems:</source>
            <translation>The program definition “%1” is not valid. Fix these problems:</translation>
        </message>
        <message>
            <location filename="../core/program/program_loader_p.h" line="-50" />
            <source>program</source>
            <translation>program</translation>
        </message>
        <message>
            <location line="+10" />
            <source>%1: unknown key “%2”. Remove it or check its spelling.</source>
            <translation>%1: unknown key “%2”. Remove it or check its spelling.</translation>
        </message>
        <message>
            <location line="+14" />
            <location line="+39" />
            <source>%1: the required key “%2” is missing.</source>
            <translation>%1: the required key “%2” is missing.</translation>
        </message>
        <message>
            <location line="+13" />
            <location filename="../core/program/program_rules_loader.cpp" line="+47" />
            <source>%1: “%2” must be between %3 and %4.</source>
            <translation>%1: “%2” must be between %3 and %4.</translation>
        </message>
        <message>
            <location line="+19" />
            <location filename="../core/program/program_rules_loader.cpp" line="-95" />
            <source>%1: “%2” has the invalid value “%3”. Use one of: %4.</source>
            <translation>%1: “%2” has the invalid value “%3”. Use one of: %4.</translation>
        </message>
        <message>
            <location line="+22" />
            <source>%1: the field “%2” does not exist or is not of type %3. Add the field or fix the reference.</source>
            <translation>%1: the field “%2” does not exist or is not of type %3. Add the field or fix the reference.</translation>
        </message>
        <message>
            <location filename="../core/program/program_rules_loader.cpp" line="+35" />
            <source>%1: give exactly one condition among %2.</source>
            <translation>%1: give exactly one condition among %2.</translation>
        </message>
        <message>
            <location line="+29" />
            <source>%1: the field “%2” is compared with “%3”, which is not a code of the catalogue “%4”.</source>
            <translation>%1: the field “%2” is compared with “%3”, which is not a code of the catalogue “%4”.</translation>
        </message>
    </context>
    <context>
        <name>ReferenceData</name>
        <message>
            <location filename="../core/reference/reference_data.cpp" line="+51" />
            <source>The reference file is incomplete or damaged: %1. Ask SES-MG for a new copy of the file and import it again.</source>
            <translation>The reference file is incomplete or damaged: %1. Ask SES-MG for a new copy of the file and import it again.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>the list "%1" is missing or empty</source>
            <translation>the list "%1" is missing or empty</translation>
        </message>
        <message>
            <location line="+5" />
            <source>entry %1 of "%2" has no code or name</source>
            <translation>entry %1 of "%2" has no code or name</translation>
        </message>
        <message>
            <location line="+8" />
            <source>the code %1 appears twice in "%2"</source>
            <translation>the code %1 appears twice in "%2"</translation>
        </message>
        <message>
            <location line="+59" />
            <source>The reference file could not be read (%1). Use the file exactly as published by SES-MG, without editing it.</source>
            <translation>The reference file could not be read (%1). Use the file exactly as published by SES-MG, without editing it.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>it is not a JSON object</source>
            <translation>it is not a JSON object</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The reference file uses format %1, which this version of Mobiliza cannot read. Update Mobiliza or ask SES-MG for a file in format %2.</source>
            <translation>The reference file uses format %1, which this version of Mobiliza cannot read. Update Mobiliza or ask SES-MG for a file in format %2.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>the version, revision or publication date is missing</source>
            <translation>the version, revision or publication date is missing</translation>
        </message>
        <message>
            <location line="+69" />
            <source>the região de saúde %1 refers to an unknown URS or macrorregião</source>
            <translation>the região de saúde %1 refers to an unknown URS or macrorregião</translation>
        </message>
        <message>
            <location line="+33" />
            <source>the IBGE code "%1" does not have 7 digits</source>
            <translation>the IBGE code "%1" does not have 7 digits</translation>
        </message>
        <message>
            <location line="+8" />
            <source>the municipality %1 refers to an unknown URS, região de saúde or macrorregião</source>
            <translation>the municipality %1 refers to an unknown URS, região de saúde or macrorregião</translation>
        </message>
        <message>
            <location line="+49" />
            <source>the catalogue "%1" is empty or has an entry without code or label</source>
            <translation>the catalogue "%1" is empty or has an entry without code or label</translation>
        </message>
    </context>
    <context>
        <name>ReferenceRepository</name>
        <message>
            <location filename="../core/reference/reference_repository.cpp" line="+77" />
            <source>Could not open %1 (%2). Check that the file exists and that you are allowed to read it.</source>
            <translation>Could not open %1 (%2). Check that the file exists and that you are allowed to read it.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>%1 is too large to be a reference table. Choose the mg_reference.json file published by SES-MG.</source>
            <translation>%1 is too large to be a reference table. Choose the mg_reference.json file published by SES-MG.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>This reference table (version %1) is not newer than the one in use (version %2). Nothing was changed; import only a table published after the current one.</source>
            <translation>This reference table (version %1) is not newer than the one in use (version %2). Nothing was changed; import only a table published after the current one.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Could not save the reference table in %1 (%2). Check the free disk space and the folder permissions, then try again.</source>
            <translation>Could not save the reference table in %1 (%2). Check the free disk space and the folder permissions, then try again.</translation>
        </message>
    </context>
    <context>
        <name>ReportService</name>
        <message>
            <location filename="../core/services/report_lifecycle.cpp" line="+104" />
            <source>The report cannot be concluded yet. Fix the problems shown in the list (blocking: %1), then conclude again.</source>
            <translation>The report cannot be concluded yet. Fix the problems shown in the list (blocking: %1), then conclude again.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>The file of photo %1 is missing from the data folder. Remove the photo and add it again, then conclude.</source>
            <translation>The file of photo %1 is missing from the data folder. Remove the photo and add it again, then conclude.</translation>
        </message>
        <message>
            <location line="+48" />
            <source>A report is concluded with its validation. Use "Conclude" in the report.</source>
            <translation>A report is concluded with its validation. Use "Conclude" in the report.</translation>
        </message>
        <message>
            <location line="+42" />
            <source>The report is being sent and cannot be withdrawn now. Wait until the sending ends and try again.</source>
            <translation>The report is being sent and cannot be withdrawn now. Wait until the sending ends and try again.</translation>
        </message>
        <message>
            <location line="+82" />
            <source>Revision %1 of the report was not found.</source>
            <translation>Revision %1 of the report was not found.</translation>
        </message>
        <message>
            <location filename="../core/services/report_service.cpp" line="+295" />
            <source>The program or the month of the report is not valid. Choose them again.</source>
            <translation>The program or the month of the report is not valid. Choose them again.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Choose the municipality of this profile before creating reports.</source>
            <translation>Choose the municipality of this profile before creating reports.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>There is already a report for %1. Open it from the list of reports.</source>
            <translation>There is already a report for %1. Open it from the list of reports.</translation>
        </message>
        <message>
            <location line="+234" />
            <source>The photo file was not stored in the data folder. Import the photo again.</source>
            <translation>The photo file was not stored in the data folder. Import the photo again.</translation>
        </message>
        <message>
            <location filename="../core/services/service_errors.cpp" line="-24" />
            <source>The report was not found. It may have been removed: reopen the list of reports.</source>
            <translation>The report was not found. It may have been removed: reopen the list of reports.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>The action was not found. It may have been removed: reopen the report.</source>
            <translation>The action was not found. It may have been removed: reopen the report.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>The photo was not found. It may have been removed: reopen the report.</source>
            <translation>The photo was not found. It may have been removed: reopen the report.</translation>
        </message>
        <message>
            <location line="+16" />
            <source>This report is "%1" and can no longer be edited. To correct it, withdraw it from the outbox while it has not been sent, or wait until it is returned.</source>
            <translation>This report is "%1" and can no longer be edited. To correct it, withdraw it from the outbox while it has not been sent, or wait until it is returned.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Position %1 does not exist: the list has %2 items.</source>
            <translation>Position %1 does not exist: the list has %2 items.</translation>
        </message>
    </context>
    <context>
        <name>ReportState</name>
        <message>
            <location filename="../core/domain/report_state.cpp" line="+57" />
            <source>A report in state "%1" cannot be %2.</source>
            <translation>A report in state "%1" cannot be %2.</translation>
        </message>
        <message>
            <location line="+60" />
            <source>Draft</source>
            <translation>Draft</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ready to send</source>
            <translation>Ready to send</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Sending</source>
            <translation>Sending</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Received by the URS</source>
            <translation>Received by the URS</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Accepted by the URS</source>
            <translation>Accepted by the URS</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Returned for correction</source>
            <translation>Returned for correction</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Forwarded to the central level</source>
            <translation>Forwarded to the central level</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Consolidated</source>
            <translation>Consolidated</translation>
        </message>
        <message>
            <location line="+25" />
            <source>concluded</source>
            <translation>concluded</translation>
        </message>
        <message>
            <location line="+1" />
            <source>withdrawn from the outbox</source>
            <translation>withdrawn from the outbox</translation>
        </message>
        <message>
            <location line="+1" />
            <source>sent</source>
            <translation>sent</translation>
        </message>
        <message>
            <location line="+1" />
            <source>put back in the queue</source>
            <translation>put back in the queue</translation>
        </message>
        <message>
            <location line="+1" />
            <source>marked as received</source>
            <translation>marked as received</translation>
        </message>
        <message>
            <location line="+1" />
            <source>accepted</source>
            <translation>accepted</translation>
        </message>
        <message>
            <location line="+1" />
            <source>returned for correction</source>
            <translation>returned for correction</translation>
        </message>
        <message>
            <location line="+1" />
            <source>reopened</source>
            <translation>reopened</translation>
        </message>
        <message>
            <location line="+1" />
            <source>forwarded to the central level</source>
            <translation>forwarded to the central level</translation>
        </message>
        <message>
            <location line="+1" />
            <source>consolidated</source>
            <translation>consolidated</translation>
        </message>
    </context>
    <context>
        <name>ValidationEngine</name>
        <message>
            <location filename="../core/program/validation_engine.cpp" line="+24" />
            <source>This report belongs to the program “%1”, not to “%2”. Open it with the right program.</source>
            <translation>This report belongs to the program “%1”, not to “%2”. Open it with the right program.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>The report has no valid month (competência). Choose the month of the report.</source>
            <translation>The report has no valid month (competência). Choose the month of the report.</translation>
        </message>
        <message>
            <location line="+10" />
            <location line="+36" />
            <source>This program does not accept a report without actions. Add at least one action.</source>
            <translation>This program does not accept a report without actions. Add at least one action.</translation>
        </message>
        <message>
            <location line="-30" />
            <source>The report is marked “No actions this month” but has %1 actions. Remove the actions or unmark the option.</source>
            <translation>The report is marked “No actions this month” but has %1 actions. Remove the actions or unmark the option.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Explain why there were no actions this month (at least %1 characters).</source>
            <translation>Explain why there were no actions this month (at least %1 characters).</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The justification for no actions this month is too short (%1 characters). Explain the reason in at least %2 characters.</source>
            <translation>The justification for no actions this month is too short (%1 characters). Explain the reason in at least %2 characters.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>The report has no actions. Add at least one action, or mark “No actions this month” and explain why.</source>
            <translation>The report has no actions. Add at least one action, or mark “No actions this month” and explain why.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>The report has %1 actions; the program asks for at least %2. Add the missing actions.</source>
            <translation>The report has %1 actions; the program asks for at least %2. Add the missing actions.</translation>
        </message>
        <message>
            <location line="+79" />
            <source>%1: you chose “%3” in “%2”. Describe it in “%4”.</source>
            <translation>%1: you chose “%3” in “%2”. Describe it in “%4”.</translation>
        </message>
        <message>
            <location line="+15" />
            <source>%1: the date %3 in “%2” is outside the month of the report (%4). Use a date from %5 to %6, or record the action in the report of its own month.</source>
            <translation>%1: the date %3 in “%2” is outside the month of the report (%4). Use a date from %5 to %6, or record the action in the report of its own month.</translation>
        </message>
        <message>
            <location line="+15" />
            <source>%1: “%2” (%3) is before “%4” (%5). Correct one of the dates.</source>
            <translation>%1: “%2” (%3) is before “%4” (%5). Correct one of the dates.</translation>
        </message>
        <message>
            <location line="+23" />
            <source>%1: fill in “%2”; it is required by the answer given in “%3”.</source>
            <translation>%1: fill in “%2”; it is required by the answer given in “%3”.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>%1, photo %2: it shows identifiable people, but no image-use authorization is on file. File the signed authorization (a guardian's for children) or replace the photo.</source>
            <translation>%1, photo %2: it shows identifiable people, but no image-use authorization is on file. File the signed authorization (a guardian's for children) or replace the photo.</translation>
        </message>
        <message>
            <location line="+21" />
            <source>%1 has no photo. Add at least one photo as proof of the action.</source>
            <translation>%1 has no photo. Add at least one photo as proof of the action.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>%1 has %2 photos; add at least %3 as proof of the action.</source>
            <translation>%1 has %2 photos; add at least %3 as proof of the action.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>%1 has %2 photos; the maximum is %3. Remove the extra photos.</source>
            <translation>%1 has %2 photos; the maximum is %3. Remove the extra photos.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>%1, photo %2: the photo file is missing. Remove the photo and add it again.</source>
            <translation>%1, photo %2: the photo file is missing. Remove the photo and add it again.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>%1, photo %2: write a caption that describes the photo.</source>
            <translation>%1, photo %2: write a caption that describes the photo.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>%1, photo %2: the caption has %3 characters; shorten it to at most %4.</source>
            <translation>%1, photo %2: the caption has %3 characters; shorten it to at most %4.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>%1, photo %2: fill in the photo's author.</source>
            <translation>%1, photo %2: fill in the photo's author.</translation>
        </message>
        <message>
            <location filename="../core/program/validation_fields.cpp" line="+22" />
            <source>%1: link at least one partner in “%2”.</source>
            <translation>%1: link at least one partner in “%2”.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>%1: choose an option in “%2”.</source>
            <translation>%1: choose an option in “%2”.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>%1: fill in “%2”.</source>
            <translation>%1: fill in “%2”.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>%1: “%2” must be text. Enter it again.</source>
            <translation>%1: “%2” must be text. Enter it again.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>%1: “%2” has %3 characters; shorten it to at most %4.</source>
            <translation>%1: “%2” has %3 characters; shorten it to at most %4.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>%1: “%2” is too short (%3 characters). Write at least %4 characters.</source>
            <translation>%1: “%2” is too short (%3 characters). Write at least %4 characters.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>%1: “%2” is not a valid date. Enter it as dd/mm/yyyy.</source>
            <translation>%1: “%2” is not a valid date. Enter it as dd/mm/yyyy.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>%1: “%2” must be a whole number. Enter a number such as 25.</source>
            <translation>%1: “%2” must be a whole number. Enter a number such as 25.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>%1: “%2” must be a whole number, without decimals.</source>
            <translation>%1: “%2” must be a whole number, without decimals.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>%1: “%2” must be at least %3.</source>
            <translation>%1: “%2” must be at least %3.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>%1: “%2” must be at most %3. Check the value.</source>
            <translation>%1: “%2” must be at most %3. Check the value.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>%1: “%2” must be yes or no. Mark it again.</source>
            <translation>%1: “%2” must be yes or no. Mark it again.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>%1: “%2” has an invalid selection. Choose the option again.</source>
            <translation>%1: “%2” has an invalid selection. Choose the option again.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>%1: “%2” has an option that does not exist in this program (code “%3”). Choose an option from the list.</source>
            <translation>%1: “%2” has an option that does not exist in this program (code “%3”). Choose an option from the list.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>%1: the option “%3” in “%2” is no longer in use. Choose a current option if possible.</source>
            <translation>%1: the option “%3” in “%2” is no longer in use. Choose a current option if possible.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>%1: choose at least %3 options in “%2”.</source>
            <translation>%1: choose at least %3 options in “%2”.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>%1: choose at most %3 options in “%2”.</source>
            <translation>%1: choose at most %3 options in “%2”.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>%1: “%2” are not valid coordinates. Enter the latitude (-90 to 90) and the longitude (-180 to 180) again, or leave them empty.</source>
            <translation>%1: “%2” are not valid coordinates. Enter the latitude (-90 to 90) and the longitude (-180 to 180) again, or leave them empty.</translation>
        </message>
        <message>
            <location line="+17" />
            <source>%1: “%2” is not a known municipality code (%3). Choose the municipality from the list.</source>
            <translation>%1: “%2” is not a known municipality code (%3). Choose the municipality from the list.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>%1: “%2” is not a known health region code (%3). Choose the health region from the list.</source>
            <translation>%1: “%2” is not a known health region code (%3). Choose the health region from the list.</translation>
        </message>
    </context>
    <context>
        <name>mobiliza::ui::MainWindow</name>
        <message>
            <location filename="../app/ui/main_window.cpp" line="+24" />
            <source>Mobiliza</source>
            <translation>Mobiliza</translation>
        </message>
        <message>
            <location line="+28" />
            <source>DEMONSTRATION DATA — not real reports</source>
            <translation>DEMONSTRATION DATA — not real reports</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Sections</source>
            <translation>Sections</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Reports</source>
            <translation>Reports</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Partners</source>
            <translation>Partners</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Synchronization</source>
            <translation>Synchronization</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Panel</source>
            <translation>Panel</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Settings</source>
            <translation>Settings</translation>
        </message>
        <message>
            <location line="+23" />
            <source>%1 (Ctrl+%2)</source>
            <translation>%1 (Ctrl+%2)</translation>
        </message>
        <message>
            <location line="+30" />
            <source>Municipal Health Secretariat of %1</source>
            <translation>Municipal Health Secretariat of %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>URS %1 · %2</source>
            <translation>URS %1 · %2</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Mobiliza — %1 (demonstration)</source>
            <translation>Mobiliza — %1 (demonstration)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Mobiliza — %1</source>
            <translation>Mobiliza — %1</translation>
        </message>
    </context>
    <context>
        <name>mobiliza::ui::MunicipalityDialog</name>
        <message>
            <location filename="../app/ui/dialogs/municipality_dialog.cpp" line="+21" />
            <source>Welcome to Mobiliza</source>
            <translation>Welcome to Mobiliza</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&lt;b&gt;Which municipality does this installation report for?&lt;/b&gt;&lt;br&gt;Type part of the name or the IBGE code. Accents and hyphens are not needed. This choice is made once for this profile.</source>
            <translation>&lt;b&gt;Which municipality does this installation report for?&lt;/b&gt;&lt;br&gt;Type part of the name or the IBGE code. Accents and hyphens are not needed. This choice is made once for this profile.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>e.g. Sao Joao del Rei, Conego Marinho, 3106200</source>
            <translation>e.g. Sao Joao del Rei, Conego Marinho, 3106200</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Search municipality</source>
            <translation>Search municipality</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Municipalities found</source>
            <translation>Municipalities found</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Use this municipality</source>
            <translation>Use this municipality</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location line="+55" />
            <source>%1 (IBGE %2) — URS %3</source>
            <translation>%1 (IBGE %2) — URS %3</translation>
        </message>
        <message>
            <location line="+15" />
            <source>No municipality of Minas Gerais matches "%1". Check the spelling or type the 7-digit IBGE code.</source>
            <translation>No municipality of Minas Gerais matches "%1". Check the spelling or type the 7-digit IBGE code.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>&lt;b&gt;%1&lt;/b&gt; — regional health unit (URS): %2; health region: %3.</source>
            <translation>&lt;b&gt;%1&lt;/b&gt; — regional health unit (URS): %2; health region: %3.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The URS of this municipality is being confirmed by SES-MG; it will be updated automatically with the reference table.</source>
            <translation>The URS of this municipality is being confirmed by SES-MG; it will be updated automatically with the reference table.</translation>
        </message>
    </context>
    <context>
        <name>mobiliza::ui::PanelPage</name>
        <message>
            <location filename="../app/ui/pages/panel_page.cpp" line="+40" />
            <source>Panel</source>
            <translation>Panel</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The last 12 months of this municipality at a glance.</source>
            <translation>The last 12 months of this municipality at a glance.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>months of the last 12 concluded or sent</source>
            <translation>months of the last 12 concluded or sent</translation>
        </message>
        <message>
            <location line="+1" />
            <source>actions recorded in the last 12 months</source>
            <translation>actions recorded in the last 12 months</translation>
        </message>
        <message>
            <location line="+1" />
            <source>proof photos in the last 12 months</source>
            <translation>proof photos in the last 12 months</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Month</source>
            <translation>Month</translation>
        </message>
        <message>
            <location line="+0" />
            <source>State</source>
            <translation>State</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Actions</source>
            <translation>Actions</translation>
        </message>
        <message>
            <location line="+30" />
            <source>not started</source>
            <translation>not started</translation>
        </message>
        <message>
            <location line="+17" />
            <source>%1 of 12</source>
            <translation>%1 of 12</translation>
        </message>
    </context>
    <context>
        <name>mobiliza::ui::PartnerListModel</name>
        <message>
            <location filename="../app/ui/models/partner_list_model.cpp" line="+77" />
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Kind</source>
            <translation>Kind</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Sector</source>
            <translation>Sector</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stage</source>
            <translation>Stage</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Municipality</source>
            <translation>Municipality</translation>
        </message>
    </context>
    <context>
        <name>mobiliza::ui::PartnersPage</name>
        <message>
            <location filename="../app/ui/pages/partners_page.cpp" line="+20" />
            <source>Health partners</source>
            <translation>Health partners</translation>
        </message>
        <message>
            <location line="+1" />
            <source>People, organizations and groups that work with the health secretariat on mobilization: mapped, sensitized, active or inactive.</source>
            <translation>People, organizations and groups that work with the health secretariat on mobilization: mapped, sensitized, active or inactive.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Search by name, contact, sector or municipality</source>
            <translation>Search by name, contact, sector or municipality</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Search partners</source>
            <translation>Search partners</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Partners</source>
            <translation>Partners</translation>
        </message>
        <message numerus="yes">
            <location line="+15" />
            <source>%n partner(s)</source>
            <translation>
                <numerusform>%n partner(s)</numerusform>
                <numerusform>%n partner(s)</numerusform>
            </translation>
        </message>
        <message>
            <location line="+1" />
            <source>%1 of %2 partners</source>
            <translation>%1 of %2 partners</translation>
        </message>
    </context>
    <context>
        <name>mobiliza::ui::ReportListModel</name>
        <message>
            <location filename="../app/ui/models/report_list_model.cpp" line="+21" />
            <source>%1 %2</source>
            <extracomment>Month title, e.g. "November 2026"; %1 is the month name, %2 the year.</extracomment>
            <translation>%1 %2</translation>
        </message>
        <message>
            <location line="+51" />
            <source>none (justified)</source>
            <translation>none (justified)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>%1 — late</source>
            <translation>%1 — late</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Report of %1, %2</source>
            <translation>Report of %1, %2</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Month</source>
            <translation>Month</translation>
        </message>
        <message>
            <location line="+1" />
            <source>State</source>
            <translation>State</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Revision</source>
            <translation>Revision</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Actions</source>
            <translation>Actions</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Photos</source>
            <translation>Photos</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Deadline</source>
            <translation>Deadline</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Last change</source>
            <translation>Last change</translation>
        </message>
    </context>
    <context>
        <name>mobiliza::ui::ReportsPage</name>
        <message>
            <location filename="../app/ui/pages/reports_page.cpp" line="+21" />
            <location line="+26" />
            <source>Monthly reports</source>
            <translation>Monthly reports</translation>
        </message>
        <message>
            <location line="-25" />
            <source>One report per month. A month without actions is also reported, with a justification. Concluded reports wait in the outbox until they can be sent.</source>
            <translation>One report per month. A month without actions is also reported, with a justification. Concluded reports wait in the outbox until they can be sent.</translation>
        </message>
        <message>
            <location line="+28" />
            <source>No report yet. Start with the current month: every action you record is saved at once, even without internet.</source>
            <translation>No report yet. Start with the current month: every action you record is saved at once, even without internet.</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Create the report of %1</source>
            <translation>Create the report of %1</translation>
        </message>
    </context>
    <context>
        <name>mobiliza::ui::SettingsPage</name>
        <message>
            <location filename="../app/ui/pages/settings_page.cpp" line="+31" />
            <source>Settings</source>
            <translation>Settings</translation>
        </message>
        <message>
            <location line="+0" />
            <source>This installation, its profile and its data.</source>
            <translation>This installation, its profile and its data.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Profile</source>
            <translation>Profile</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Municipality:</source>
            <translation>Municipality:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Regional health unit (URS):</source>
            <translation>Regional health unit (URS):</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Health region / macro-region:</source>
            <translation>Health region / macro-region:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Program:</source>
            <translation>Program:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Data folder:</source>
            <translation>Data folder:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Installation:</source>
            <translation>Installation:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reference table:</source>
            <translation>Reference table:</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Language</source>
            <translation>Language</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Interface language:</source>
            <translation>Interface language:</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Privacy (LGPD)</source>
            <translation>Privacy (LGPD)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Mobiliza records the municipality's mobilization actions, their proof photos and the partners register, to report them to the regional health unit and to SES-MG (purpose). The controller is the municipal health secretariat that uses this installation. Photos of identifiable people and partners' contacts are personal data: record whether image-use authorization is on file, collect only the contacts you need, and erase a partner's data on request. Data stays on this computer until it is sent to the URS; what is sent for the panel carries no partner CPF, phone or e-mail. Questions: the data protection officer of your secretariat.</source>
            <translation>Mobiliza records the municipality's mobilization actions, their proof photos and the partners register, to report them to the regional health unit and to SES-MG (purpose). The controller is the municipal health secretariat that uses this installation. Photos of identifiable people and partners' contacts are personal data: record whether image-use authorization is on file, collect only the contacts you need, and erase a partner's data on request. Data stays on this computer until it is sent to the URS; what is sent for the panel carries no partner CPF, phone or e-mail. Questions: the data protection officer of your secretariat.</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Saved. The new language is used the next time Mobiliza starts.</source>
            <translation>Saved. The new language is used the next time Mobiliza starts.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>%1 (IBGE %2)</source>
            <translation>%1 (IBGE %2)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>%1 (being confirmed by SES-MG)</source>
            <translation>%1 (being confirmed by SES-MG)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>%1 / %2</source>
            <translation>%1 / %2</translation>
        </message>
        <message>
            <location line="+6" />
            <source>version %1, published on %2</source>
            <translation>version %1, published on %2</translation>
        </message>
    </context>
    <context>
        <name>mobiliza::ui::SyncPage</name>
        <message>
            <location filename="../app/ui/pages/sync_page.cpp" line="+18" />
            <source>Synchronization</source>
            <translation>Synchronization</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Concluded reports are kept on this computer and sent to the regional health unit when there is a connection. Nothing is lost while offline.</source>
            <translation>Concluded reports are kept on this computer and sent to the regional health unit when there is a connection. Nothing is lost while offline.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>&lt;b&gt;Not connected to a hub yet.&lt;/b&gt; This installation has not been enrolled with its URS. Reports stay safely in the outbox below.</source>
            <translation>&lt;b&gt;Not connected to a hub yet.&lt;/b&gt; This installation has not been enrolled with its URS. Reports stay safely in the outbox below.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Outbox</source>
            <translation>Outbox</translation>
        </message>
        <message>
            <location line="+18" />
            <source>%1 — revision %2 — %3 actions, %4 photos — waiting to be sent</source>
            <translation>%1 — revision %2 — %3 actions, %4 photos — waiting to be sent</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The outbox is empty.</source>
            <translation>The outbox is empty.</translation>
        </message>
        <message numerus="yes">
            <location line="+1" />
            <source>%n report(s) waiting in the outbox.</source>
            <translation>
                <numerusform>%n report(s) waiting in the outbox.</numerusform>
                <numerusform>%n report(s) waiting in the outbox.</numerusform>
            </translation>
        </message>
    </context>
</TS>
