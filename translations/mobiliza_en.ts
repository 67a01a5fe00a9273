<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Application</name>
    <message>
        <location filename="../app/ui/application.cpp" line="+121"/>
        <location line="+108"/>
        <source>Mobiliza</source>
        <translation>Mobiliza</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>Mobiliza is already open on this profile: its window was brought forward.</source>
        <translation>Mobiliza is already open on this profile: its window was brought forward.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mobiliza is already open on this profile: the files were handed to its window, which imports them.</source>
        <translation>Mobiliza is already open on this profile: the files were handed to its window, which imports them.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mobiliza is already starting on this profile: answer the questions in the window it opened.</source>
        <translation>Mobiliza is already starting on this profile: answer the questions in the window it opened.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mobiliza is already open on this profile (process %1) and did not answer. Close it, or wait for it to finish, and open Mobiliza again.</source>
        <translation>Mobiliza is already open on this profile (process %1) and did not answer. Close it, or wait for it to finish, and open Mobiliza again.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Note: Mobiliza is open in a window on this profile (process %1); what this command changes shows there too.</source>
        <translation>Note: Mobiliza is open in a window on this profile (process %1); what this command changes shows there too.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>There is no demonstration data for “%1” (it exists only for the programs shipped with Mobiliza): nothing was added to this profile. Leave out --demo-data.</source>
        <translation>There is no demonstration data for “%1” (it exists only for the programs shipped with Mobiliza): nothing was added to this profile. Leave out --demo-data.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>--pull, --review and --coverage are for a URS profile; this profile is a municipality&apos;s (use --sync to send its reports).</source>
        <translation>--pull, --review and --coverage are for a URS profile; this profile is a municipality&apos;s (use --sync to send its reports).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The central level imports the URS&apos;s batch files, with --import-batch FILE; a municipality&apos;s report package goes to its URS.</source>
        <translation>The central level imports the URS&apos;s batch files, with --import-batch FILE; a municipality&apos;s report package goes to its URS.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This command is for a municipality&apos;s profile; this one is %1.</source>
        <translation>This command is for a municipality&apos;s profile; this one is %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saved %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>There is no package file (.mobiliza) in %1.</source>
        <translation>There is no package file (.mobiliza) in %1.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The report of %1, revision %2, was already here: nothing changed.</source>
        <translation>The report of %1, revision %2, was already here: nothing changed.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Imported the report of %1, revision %2, with %3 photo(s).</source>
        <translation>Imported the report of %1, revision %2, with %3 photo(s).</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Connected to %1.</source>
        <translation>Connected to %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The key that lets this computer send reports is kept in a file of your user account (%1): this computer has no password vault for it. Lock the computer when you leave it.</source>
        <translation>The key that lets this computer send reports is kept in a file of your user account (%1): this computer has no password vault for it. Lock the computer when you leave it.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Sent: %1. Set aside: %2. Still to send: %3.</source>
        <translation>Sent: %1. Set aside: %2. Still to send: %3.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The hub asked to wait: the next attempt is at %1. Mobiliza, when open, tries again by itself; or run --sync again then.</source>
        <translation>The hub asked to wait: the next attempt is at %1. Mobiliza, when open, tries again by itself; or run --sync again then.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mobiliza, when open, tries again by itself at %1; or run --sync again at any time.</source>
        <translation>Mobiliza, when open, tries again by itself at %1; or run --sync again at any time.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Returned for correction: %1, revision %2 — “%3”. Open it in Mobiliza (Reports) to correct it and conclude it again.</source>
        <translation>Returned for correction: %1, revision %2 — “%3”. Open it in Mobiliza (Reports) to correct it and conclude it again.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The reports could not be read: %1</source>
        <translation>The reports could not be read: %1</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>There is no report to show yet.</source>
        <translation>There is no report to show yet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The page &quot;%1&quot; is not one of this profile&apos;s (%2).</source>
        <translation>The page &quot;%1&quot; is not one of this profile&apos;s (%2).</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Could not save the screenshot to %1. Check that the folder exists and is writable.</source>
        <translation>Could not save the screenshot to %1. Check that the folder exists and is writable.</translation>
    </message>
</context>
<context>
    <name>BatchFile</name>
    <message>
        <location filename="../core/package/batch_file_reader.cpp" line="+32"/>
        <source>This file is not a Mobiliza batch file. Choose a file with the .mobiliza-lote extension generated by the regional office (URS).</source>
        <translation>This file is not a Mobiliza batch file. Choose a file with the .mobiliza-lote extension generated by the regional office (URS).</translation>
    </message>
    <message>
        <location filename="../core/package/batch_file_writer.cpp" line="+40"/>
        <source>The batch file was not written: %1</source>
        <translation>The batch file was not written: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the batch needs its id, URS, month, date and author.</source>
        <translation>the batch needs its id, URS, month, date and author.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a batch holds 1 to %1 reports.</source>
        <translation>a batch holds 1 to %1 reports.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>a report of %1 is not of the batch&apos;s month.</source>
        <translation>a report of %1 is not of the batch&apos;s month.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a report appears twice.</source>
        <translation>a report appears twice.</translation>
    </message>
</context>
<context>
    <name>BatchIntake</name>
    <message>
        <location filename="../core/regional/batch_intake.cpp" line="+25"/>
        <source>Only the central level takes in a URS&apos;s batch file. A URS imports its municipalities&apos; report packages instead.</source>
        <translation>Only the central level takes in a URS&apos;s batch file. A URS imports its municipalities&apos; report packages instead.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This batch file names “%1”, which is not a URS of the reference table. Nothing was imported: ask that URS to make the batch again.</source>
        <translation>This batch file names “%1”, which is not a URS of the reference table. Nothing was imported: ask that URS to make the batch again.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This batch file of the URS %1 holds the report of %2, which is not one of its municipalities. Nothing was imported: ask the URS to make the batch again.</source>
        <translation>This batch file of the URS %1 holds the report of %2, which is not one of its municipalities. Nothing was imported: ask the URS to make the batch again.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The central level already has revision %1 of a report of %2 with another content. Nothing was imported; ask the URS which one is right.</source>
        <translation>The central level already has revision %1 of a report of %2 with another content. Nothing was imported; ask the URS which one is right.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>The hub has not received batch %1 yet: it goes at the next synchronization, and its receipt can be written then.</source>
        <translation>The hub has not received batch %1 yet: it goes at the next synchronization, and its receipt can be written then.</translation>
    </message>
</context>
<context>
    <name>BatchReceipt</name>
    <message>
        <location filename="../core/package/batch_receipt.cpp" line="+33"/>
        <source>This file is not a receipt of a Mobiliza batch. Choose the file with the .mobiliza-recibo extension that the central level gave back for the batch.</source>
        <translation>This file is not a receipt of a Mobiliza batch. Choose the file with the .mobiliza-recibo extension that the central level gave back for the batch.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The receipt file is incomplete or has been altered. Ask the central level for a new receipt of the batch (mobiliza-hub receipt).</source>
        <translation>The receipt file is incomplete or has been altered. Ask the central level for a new receipt of the batch (mobiliza-hub receipt).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file is far larger than a batch receipt (a few hundred bytes) and was not read. Choose the .mobiliza-recibo file of the batch.</source>
        <translation>The file is far larger than a batch receipt (a few hundred bytes) and was not read. Choose the .mobiliza-recibo file of the batch.</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>The receipt file %1 could not be written (%2). Check that the folder exists and is writable (a USB stick may be write-protected) and that the disk has free space.</source>
        <translation>The receipt file %1 could not be written (%2). Check that the folder exists and is writable (a USB stick may be write-protected) and that the disk has free space.</translation>
    </message>
</context>
<context>
    <name>BatchService</name>
    <message>
        <location filename="../core/regional/batch_service.cpp" line="+117"/>
        <source>No accepted report of %1 is waiting to be forwarded. Accept reports first (and synchronize, so the hub&apos;s acceptance is here).</source>
        <translation>No accepted report of %1 is waiting to be forwarded. Accept reports first (and synchronize, so the hub&apos;s acceptance is here).</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>Some of the chosen reports are not accepted by the hub yet, or are already in a batch. Nothing was forwarded.</source>
        <translation>Some of the chosen reports are not accepted by the hub yet, or are already in a batch. Nothing was forwarded.</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>There is already a file named %1 (perhaps another batch). Nothing was written: choose another name.</source>
        <translation>There is already a file named %1 (perhaps another batch). Nothing was written: choose another name.</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>The photos of %n report(s) of %1 are not on this computer yet. Synchronize (they were asked for), then write the batch file again.</source>
        <translation>
            <numerusform>The photos of %n report(s) of %1 are not on this computer yet. Synchronize (they were asked for), then write the batch file again.</numerusform>
            <numerusform>The photos of %n report(s) of %1 are not on this computer yet. Synchronize (they were asked for), then write the batch file again.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+266"/>
        <source>Receipts of the central level are recorded by the URS that made the batch; this installation is not a URS.</source>
        <translation>Receipts of the central level are recorded by the URS that made the batch; this installation is not a URS.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This receipt is for a batch of the URS %1; this computer is the URS %2&apos;s. Nothing was changed: import it on a computer of the URS %1.</source>
        <translation>This receipt is for a batch of the URS %1; this computer is the URS %2&apos;s. Nothing was changed: import it on a computer of the URS %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>This receipt is for batch %1 of %2 (%n report(s)), which was not made on this computer. Nothing was changed: import it on the URS computer that wrote the batch file (its Batches page lists it).</source>
        <translation>
            <numerusform>This receipt is for batch %1 of %2 (%n report(s)), which was not made on this computer. Nothing was changed: import it on the URS computer that wrote the batch file (its Batches page lists it).</numerusform>
            <numerusform>This receipt is for batch %1 of %2 (%n report(s)), which was not made on this computer. Nothing was changed: import it on the URS computer that wrote the batch file (its Batches page lists it).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This receipt does not match batch %1 of %2 made here: the central level received other reports (or other versions of them) under this batch&apos;s identifier. Nothing was changed. Keep the batch file and ask the central level which file it imported.</source>
        <translation>This receipt does not match batch %1 of %2 made here: the central level received other reports (or other versions of them) under this batch&apos;s identifier. Nothing was changed. Keep the batch file and ask the central level which file it imported.</translation>
    </message>
</context>
<context>
    <name>BlobStore</name>
    <message>
        <location filename="../core/services/blob_store.cpp" line="+42"/>
        <source>The disk is full: the photo file %1 could not be saved, so Mobiliza stopped there. Free some space on the disk (empty the trash, move or delete files you no longer need) and try again.</source>
        <translation>The disk is full: the photo file %1 could not be saved, so Mobiliza stopped there. Free some space on the disk (empty the trash, move or delete files you no longer need) and try again.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The photo file %1 could not be written or read (%2). Check that the disk is connected and has free space, then try again.</source>
        <translation>The photo file %1 could not be written or read (%2). Check that the disk is connected and has free space, then try again.</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>The photo&apos;s name is not a SHA-256.</source>
        <translation>The photo&apos;s name is not a SHA-256.</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>The photo arrived damaged (its content does not match its name).</source>
        <translation>The photo arrived damaged (its content does not match its name).</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>A photo file is missing from the data folder (%1). Add the photo again.</source>
        <translation>A photo file is missing from the data folder (%1). Add the photo again.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A photo file is damaged on the disk (%1). Remove the photo and add it again.</source>
        <translation>A photo file is damaged on the disk (%1). Remove the photo and add it again.</translation>
    </message>
</context>
<context>
    <name>BrValidators</name>
    <message>
        <location filename="../core/validators/br_validators.cpp" line="+74"/>
        <source>Type the CPF (11 digits).</source>
        <translation>Type the CPF (11 digits).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A CPF has only digits. Remove the letters or symbols and type the 11 digits.</source>
        <translation>A CPF has only digits. Remove the letters or symbols and type the 11 digits.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A CPF has 11 digits; you typed %1. Check the number and type all 11 digits.</source>
        <translation>A CPF has 11 digits; you typed %1. Check the number and type all 11 digits.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This CPF is not valid: all its digits are the same. Type the person&apos;s real CPF.</source>
        <translation>This CPF is not valid: all its digits are the same. Type the person&apos;s real CPF.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This CPF is not valid: its last two digits (check digits) do not match. Check for a typo.</source>
        <translation>This CPF is not valid: its last two digits (check digits) do not match. Check for a typo.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Type the CNPJ (14 characters).</source>
        <translation>Type the CNPJ (14 characters).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A CNPJ has only digits and letters. Remove the other characters and type the 14 characters.</source>
        <translation>A CNPJ has only digits and letters. Remove the other characters and type the 14 characters.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A CNPJ has 14 characters; you typed %1. Check the number and type all 14.</source>
        <translation>A CNPJ has 14 characters; you typed %1. Check the number and type all 14.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The last two characters of a CNPJ (check digits) are always digits. Check the number.</source>
        <translation>The last two characters of a CNPJ (check digits) are always digits. Check the number.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This CNPJ is not valid: all its characters are the same. Type the organization&apos;s real CNPJ.</source>
        <translation>This CNPJ is not valid: all its characters are the same. Type the organization&apos;s real CNPJ.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This CNPJ is not valid: its last two digits (check digits) do not match. Check for a typo.</source>
        <translation>This CNPJ is not valid: its last two digits (check digits) do not match. Check for a typo.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Type the CPF (11 digits) or the CNPJ (14 characters).</source>
        <translation>Type the CPF (11 digits) or the CNPJ (14 characters).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Type a CPF (11 digits) or a CNPJ (14 characters); you typed %1 characters.</source>
        <translation>Type a CPF (11 digits) or a CNPJ (14 characters); you typed %1 characters.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Type the phone number with the area code (DDD), e.g. (31) 98765-4321.</source>
        <translation>Type the phone number with the area code (DDD), e.g. (31) 98765-4321.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A phone number has only digits. Remove the letters or symbols and type it like (31) 98765-4321.</source>
        <translation>A phone number has only digits. Remove the letters or symbols and type it like (31) 98765-4321.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only Brazilian numbers (+55) are accepted. Type the number with the area code (DDD), e.g. (31) 98765-4321.</source>
        <translation>Only Brazilian numbers (+55) are accepted. Type the number with the area code (DDD), e.g. (31) 98765-4321.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Add the area code (DDD) before the number, e.g. (31) 98765-4321.</source>
        <translation>Add the area code (DDD) before the number, e.g. (31) 98765-4321.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This phone number has %1 digits. Type the area code (DDD) and the number: 10 digits for a landline, 11 for a mobile.</source>
        <translation>This phone number has %1 digits. Type the area code (DDD) and the number: 10 digits for a landline, 11 for a mobile.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 is not a Brazilian area code (DDD). Check the first two digits; in Minas Gerais they are 31 to 35, 37 or 38.</source>
        <translation>%1 is not a Brazilian area code (DDD). Check the first two digits; in Minas Gerais they are 31 to 35, 37 or 38.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A mobile number has 9 digits and starts with 9. Check the number.</source>
        <translation>A mobile number has 9 digits and starts with 9. Check the number.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Mobile numbers have 9 digits starting with 9. Add a 9 in front: %1.</source>
        <translation>Mobile numbers have 9 digits starting with 9. Add a 9 in front: %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A landline number starts with 2, 3, 4 or 5. Check the number.</source>
        <translation>A landline number starts with 2, 3, 4 or 5. Check the number.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Type the CEP (8 digits), e.g. 30130-010.</source>
        <translation>Type the CEP (8 digits), e.g. 30130-010.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A CEP has only digits. Type it like 30130-010.</source>
        <translation>A CEP has only digits. Type it like 30130-010.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A CEP has 8 digits; you typed %1. Type it like 30130-010.</source>
        <translation>A CEP has 8 digits; you typed %1. Type it like 30130-010.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>00000-000 is not a valid CEP. Type the CEP of the address.</source>
        <translation>00000-000 is not a valid CEP. Type the CEP of the address.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Type the date as dd/mm/aaaa, e.g. 05/03/2026.</source>
        <translation>Type the date as dd/mm/aaaa, e.g. 05/03/2026.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Type the date as dd/mm/aaaa (day, month and the year with 4 digits), e.g. 05/03/2026.</source>
        <translation>Type the date as dd/mm/aaaa (day, month and the year with 4 digits), e.g. 05/03/2026.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The year %1 is out of range. Type a year between 1900 and 2100.</source>
        <translation>The year %1 is out of range. Type a year between 1900 and 2100.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Month %1 does not exist. Type the date as dd/mm/aaaa with a month from 01 to 12.</source>
        <translation>Month %1 does not exist. Type the date as dd/mm/aaaa with a month from 01 to 12.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Day %1 does not exist in %2/%3 (that month has %4 days). Check the date.</source>
        <translation>Day %1 does not exist in %2/%3 (that month has %4 days). Check the date.</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../app/ui/command_line.cpp" line="+71"/>
        <source>Mobiliza: records social-mobilization actions in public health, offline first.</source>
        <translation>Mobiliza: records social-mobilization actions in public health, offline first.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shows this help.</source>
        <translation>Shows this help.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shows the version.</source>
        <translation>Shows the version.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profile folder (default: the platform&apos;s application data folder).</source>
        <translation>Profile folder (default: the platform&apos;s application data folder).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DIR</source>
        <translation>DIR</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface language: pt_BR (default) or en.</source>
        <translation>Interface language: pt_BR (default) or en.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LANG</source>
        <translation>LANG</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>IBGE code of the municipality this profile reports for (first use only).</source>
        <translation>IBGE code of the municipality this profile reports for (first use only).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>IBGE</source>
        <translation>IBGE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fills the profile with a clearly marked demonstration data set.</source>
        <translation>Fills the profile with a clearly marked demonstration data set.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+24"/>
        <location line="+5"/>
        <location line="+72"/>
        <location line="+7"/>
        <source>FILE</source>
        <translation>FILE</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>Page for --screenshot: reports, editor, partners, sync, panel or settings (a municipality); inbox, report, history, coverage, batches, partners, panel, sync or settings (a URS).</source>
        <translation>Page for --screenshot: reports, editor, partners, sync, panel or settings (a municipality); inbox, report, history, coverage, batches, partners, panel, sync or settings (a URS).</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+61"/>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Exports and exits: pdf, csv, xlsx or package (of --month), partners-csv or partners-xlsx (the partners register).</source>
        <translation>Exports and exits: pdf, csv, xlsx or package (of --month), partners-csv or partners-xlsx (the partners register).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>KIND</source>
        <translation>KIND</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file --export writes.</source>
        <translation>The file --export writes.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Imports a report package file (.mobiliza) after checking it, and exits.</source>
        <translation>Imports a report package file (.mobiliza) after checking it, and exits.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Address of the URS hub, used with --enroll.</source>
        <translation>Address of the URS hub, used with --enroll.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connects this installation to the hub with the one-time code from the URS.</source>
        <translation>Connects this installation to the hub with the one-time code from the URS.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+109"/>
        <source>CODE</source>
        <translation>CODE</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>Runs one synchronization and exits: 0 only when the hub confirmed everything.</source>
        <translation>Runs one synchronization and exits: 0 only when the hub confirmed everything.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What this installation is (first use only), one of its program&apos;s levels: %1.</source>
        <translation>What this installation is (first use only), one of its program&apos;s levels: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ROLE</source>
        <translation>ROLE</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>PROGRAM</source>
        <translation>PROGRAM</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The state of an apoiador or COSEMS profile (first use only), e.g. BA.</source>
        <translation>The state of an apoiador or COSEMS profile (first use only), e.g. BA.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>XX</source>
        <translation>XX</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The regional health unit of a --role urs profile.</source>
        <translation>The regional health unit of a --role urs profile.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>REPORT_UUID</source>
        <translation>REPORT_UUID</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>TEXT</source>
        <translation>TEXT</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>URS: forwards the accepted reports of --month to the central level (over the network, or as a batch file with --out FILE) and exits.</source>
        <translation>URS: forwards the accepted reports of --month to the central level (over the network, or as a batch file with --out FILE) and exits.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>URS: records the central level&apos;s receipt files (.mobiliza-recibo) of batch files, and exits.</source>
        <translation>URS: records the central level&apos;s receipt files (.mobiliza-recibo) of batch files, and exits.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Central level: takes in URS batch files (.mobiliza-lote) after checking them, sends them to the hub, writes each receipt for the URS beside its file, and exits.</source>
        <translation>Central level: takes in URS batch files (.mobiliza-lote) after checking them, sends them to the hub, writes each receipt for the URS beside its file, and exits.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>URS: prints one line per batch made here (id, month, channel, state, reports, hub id, received at) and exits.</source>
        <translation>URS: prints one line per batch made here (id, month, channel, state, reports, hub id, received at) and exits.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>URS: prints one line per partner of the region (IBGE code, municipality, name, kind, sector, stage, consent) or, with --out FILE.csv|FILE.xlsx, writes them for Excel without personal contacts, and exits.</source>
        <translation>URS: prints one line per partner of the region (IBGE code, municipality, name, kind, sector, stage, consent) or, with --out FILE.csv|FILE.xlsx, writes them for Excel without personal contacts, and exits.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>COSEMS, CONASEMS: finds WORDS in what was recorded (what was done, results, difficulties, encaminhamentos; accents and case aside) in the accepted reports of --from to --to, prints the best passages with the words in [brackets], and with --out FILE.csv|FILE.xlsx writes the actions found; then exits.</source>
        <translation>COSEMS, CONASEMS: finds WORDS in what was recorded (what was done, results, difficulties, encaminhamentos; accents and case aside) in the accepted reports of --from to --to, prints the best passages with the words in [brackets], and with --out FILE.csv|FILE.xlsx writes the actions found; then exits.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>WORDS</source>
        <translation>WORDS</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --panel: only the actions of this theme (its code, e.g. arboviroses).</source>
        <translation>With --panel: only the actions of this theme (its code, e.g. arboviroses).</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Unexpected argument: %1. See --help.</source>
        <translation>Unexpected argument: %1. See --help.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown language &quot;%1&quot;: use pt_BR or en.</source>
        <translation>Unknown language &quot;%1&quot;: use pt_BR or en.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--page is only used with --screenshot FILE.</source>
        <translation>--page is only used with --screenshot FILE.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown page &quot;%1&quot;: use one of %2.</source>
        <translation>Unknown page &quot;%1&quot;: use one of %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--data-dir needs a folder.</source>
        <translation>--data-dir needs a folder.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--hub URL and --enroll CODE go together.</source>
        <translation>--hub URL and --enroll CODE go together.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--hub needs an address and --enroll needs a code.</source>
        <translation>--hub needs an address and --enroll needs a code.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--role urs needs --urs NAME (for example --urs Barbacena).</source>
        <translation>--role urs needs --urs NAME (for example --urs Barbacena).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--urs NAME is only used with --role urs.</source>
        <translation>--urs NAME is only used with --role urs.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--municipality is only used with --role municipality.</source>
        <translation>--municipality is only used with --role municipality.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>--search needs the words to find, e.g. --search &quot;reuniao cir&quot;.</source>
        <translation>--search needs the words to find, e.g. --search &quot;reuniao cir&quot;.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--search needs --from PERIOD and --to PERIOD, e.g. --from 2025-Q3 --to 2026-Q2.</source>
        <translation>--search needs --from PERIOD and --to PERIOD, e.g. --from 2025-Q3 --to 2026-Q2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--theme is only used with --panel.</source>
        <translation>--theme is only used with --panel.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--from, --to and --theme are only used with --panel.</source>
        <translation>--from, --to and --theme are only used with --panel.</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+31"/>
        <source>&quot;%1&quot; is not a period: use YYYY-MM, e.g. 2026-10 (or YYYY-Qn, e.g. 2026-Q2, in a quadrimestral program).</source>
        <translation>&quot;%1&quot; is not a period: use YYYY-MM, e.g. 2026-10 (or YYYY-Qn, e.g. 2026-Q2, in a quadrimestral program).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--month and --out are only used with --export and --forward (and --month with --coverage).</source>
        <translation>--month and --out are only used with --export and --forward (and --month with --coverage).</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>--review REPORT_UUID needs either --accept or --return TEXT.</source>
        <translation>--review REPORT_UUID needs either --accept or --return TEXT.</translation>
    </message>
    <message>
        <location line="-262"/>
        <source>Saves the main window (1366×768) as a PNG image and exits.</source>
        <translation>Saves the main window (1366×768) as a PNG image and exits.</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>With --review: accepts the report (the central level: consolidates it).</source>
        <translation>With --review: accepts the report (the central level: consolidates it).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --review: returns the report for correction, with this comment (the central level: to its URS).</source>
        <translation>With --review: returns the report for correction, with this comment (the central level: to its URS).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>URS: prints one line per municipality for --month (IBGE code, name, state) and exits. COSEMS: one line per apoiador (id, name, state), then &quot;municipalities_reached&quot;, how many municipalities of the state the period&apos;s actions reached and how many it has.</source>
        <translation>URS: prints one line per municipality for --month (IBGE code, name, state) and exits. COSEMS: one line per apoiador (id, name, state), then &quot;municipalities_reached&quot;, how many municipalities of the state the period&apos;s actions reached and how many it has.</translation>
    </message>
    <message>
        <location line="+152"/>
        <source>Unknown program &quot;%1&quot;: use one of %2.</source>
        <translation>Unknown program &quot;%1&quot;: use one of %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unknown role &quot;%1&quot;: use one of %2.</source>
        <translation>Unknown role &quot;%1&quot;: use one of %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--uf needs the two letters of a state, e.g. --uf BA.</source>
        <translation>--uf needs the two letters of a state, e.g. --uf BA.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>--accept and --return are only used with --review REPORT_UUID.</source>
        <translation>--accept and --return are only used with --review REPORT_UUID.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Unknown export &quot;%1&quot;: use one of %2.</source>
        <translation>Unknown export &quot;%1&quot;: use one of %2.</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Use only one of --status, --screenshot, --export, --import-package, --sync, --pull, --review, --coverage and --forward at a time.</source>
        <translation>Use only one of --status, --screenshot, --export, --import-package, --sync, --pull, --review, --coverage and --forward at a time.</translation>
    </message>
    <message>
        <location line="-249"/>
        <source>Prints one line per report (its period: YYYY-MM, or YYYY-Qn in a quadrimestral program; state, revision; a reviewing level: the unit and the report&apos;s id) and exits.</source>
        <translation>Prints one line per report (its period: YYYY-MM, or YYYY-Qn in a quadrimestral program; state, revision; a reviewing level: the unit and the report&apos;s id) and exits.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The report&apos;s period for --export, --coverage and --forward: YYYY-MM, or YYYY-Qn (n = 1, 2, 3) in a quadrimestral program.</source>
        <translation>The report&apos;s period for --export, --coverage and --forward: YYYY-MM, or YYYY-Qn (n = 1, 2, 3) in a quadrimestral program.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+109"/>
        <location line="+3"/>
        <source>PERIOD</source>
        <translation>PERIOD</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>The program this profile records (first use only): %1 (the first is the default).</source>
        <translation>The program this profile records (first use only): %1 (the first is the default).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>A reviewing level (URS, central level; COSEMS, CONASEMS): receives the reports and photos once, sends the decisions made here, and exits: 0 only when the local copy is up to date.</source>
        <translation>A reviewing level (URS, central level; COSEMS, CONASEMS): receives the reports and photos once, sends the decisions made here, and exits: 0 only when the local copy is up to date.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>URS, COSEMS or central level: decides on a report&apos;s latest revision, with --accept or --return TEXT (at the central level: consolidates it, or returns it to its URS); the decision is sent at the next synchronization.</source>
        <translation>URS, COSEMS or central level: decides on a report&apos;s latest revision, with --accept or --return TEXT (at the central level: consolidates it, or returns it to its URS); the decision is sent at the next synchronization.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>URS, central: writes the Painel&apos;s data of --from to --to (optionally of one --urs NAME and one --theme CODE) to --out FILE.csv|FILE.xlsx (one row per municipality and month, for Excel) or the Balanço mensal to --out FILE.pdf (tiles, charts, tables and núcleos per URS), and exits. COSEMS, CONASEMS: the apoio panel&apos;s figures of --from to --to (YYYY-Qn) to --out FILE.csv|FILE.xlsx.</source>
        <translation>URS, central: writes the Painel&apos;s data of --from to --to (optionally of one --urs NAME and one --theme CODE) to --out FILE.csv|FILE.xlsx (one row per municipality and month, for Excel) or the Balanço mensal to --out FILE.pdf (tiles, charts, tables and núcleos per URS), and exits. COSEMS, CONASEMS: the apoio panel&apos;s figures of --from to --to (YYYY-Qn) to --out FILE.csv|FILE.xlsx.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>With --panel: the first period.</source>
        <translation>With --panel: the first period.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --panel: the last period.</source>
        <translation>With --panel: the last period.</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>--return needs the comment: what must be corrected.</source>
        <translation>--return needs the comment: what must be corrected.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--panel needs --from PERIOD, --to PERIOD (YYYY-MM, or YYYY-Qn in a quadrimestral program) and --out FILE.csv|FILE.xlsx|FILE.pdf.</source>
        <translation>--panel needs --from PERIOD, --to PERIOD (YYYY-MM, or YYYY-Qn in a quadrimestral program) and --out FILE.csv|FILE.xlsx|FILE.pdf.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>--coverage needs --month PERIOD (YYYY-MM, or YYYY-Qn in a quadrimestral program).</source>
        <translation>--coverage needs --month PERIOD (YYYY-MM, or YYYY-Qn in a quadrimestral program).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--forward needs --month YYYY-MM.</source>
        <translation>--forward needs --month YYYY-MM.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--export needs --out FILE.</source>
        <translation>--export needs --out FILE.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--export %1 needs --month YYYY-MM.</source>
        <translation>--export %1 needs --month YYYY-MM.</translation>
    </message>
</context>
<context>
    <name>Coverage</name>
    <message>
        <location filename="../core/regional/coverage.cpp" line="+39"/>
        <source>Sent on time</source>
        <translation>Sent on time</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sent late</source>
        <translation>Sent late</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No actions in the month (justified)</source>
        <translation>No actions in the month (justified)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned for correction</source>
        <translation>Returned for correction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not sent</source>
        <translation>Not sent</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <location filename="../core/store/database.cpp" line="+28"/>
        <source>Mobiliza cannot write to %1. Check that the disk is connected, that it is not full and that your user may write there, then open Mobiliza again.</source>
        <translation>Mobiliza cannot write to %1. Check that the disk is connected, that it is not full and that your user may write there, then open Mobiliza again.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The file %1 is not a Mobiliza database or is damaged (%2). It was not changed. Restore a backup copy or choose another data folder.</source>
        <translation>The file %1 is not a Mobiliza database or is damaged (%2). It was not changed. Restore a backup copy or choose another data folder.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>The SQLite driver of Qt (QSQLITE) is not installed. Reinstall Mobiliza.</source>
        <translation>The SQLite driver of Qt (QSQLITE) is not installed. Reinstall Mobiliza.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The data in %1 was saved by a newer version of Mobiliza (data format %2; this version knows up to %3). Update Mobiliza to open it. Nothing was changed.</source>
        <translation>The data in %1 was saved by a newer version of Mobiliza (data format %2; this version knows up to %3). Update Mobiliza to open it. Nothing was changed.</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>The database in %1 is damaged (%2). Restore a backup copy and report this message to the support team.</source>
        <translation>The database in %1 is damaged (%2). Restore a backup copy and report this message to the support team.</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>The backup copy %1 still holds the erased data and could not be changed or deleted. Delete that file by hand (close Mobiliza first).</source>
        <translation>The backup copy %1 still holds the erased data and could not be changed or deleted. Delete that file by hand (close Mobiliza first).</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The database is busy in another window or program. Close it and try again.</source>
        <translation>The database is busy in another window or program. Close it and try again.</translation>
    </message>
    <message>
        <location filename="../core/store/migrations.cpp" line="+48"/>
        <source>The data could not be updated to the format of this version of Mobiliza (step %1, &quot;%2&quot;: %3). Nothing was changed: the data is as it was before. Report this message to the support team.</source>
        <translation>The data could not be updated to the format of this version of Mobiliza (step %1, &quot;%2&quot;: %3). Nothing was changed: the data is as it was before. Report this message to the support team.</translation>
    </message>
    <message>
        <location filename="../core/store/sql.cpp" line="+47"/>
        <source>The disk is full, so Mobiliza could not save (%1). What was saved before is intact. Free some space on the disk (empty the trash, move or delete files you no longer need) and try again.</source>
        <translation>The disk is full, so Mobiliza could not save (%1). What was saved before is intact. Free some space on the disk (empty the trash, move or delete files you no longer need) and try again.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The data is in use by another Mobiliza window or program and could not be read or saved (%1). Close the other Mobiliza and try again.</source>
        <translation>The data is in use by another Mobiliza window or program and could not be read or saved (%1). Close the other Mobiliza and try again.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The data could not be saved or read (%1). Try again; if it keeps happening, check the free space on the disk.</source>
        <translation>The data could not be saved or read (%1). Try again; if it keeps happening, check the free space on the disk.</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>The database is damaged and could not be read (%1). Do not delete anything: copy the data folder to a safe place and contact the support team, who can restore it from a backup copy.</source>
        <translation>The database is damaged and could not be read (%1). Do not delete anything: copy the data folder to a safe place and contact the support team, who can restore it from a backup copy.</translation>
    </message>
</context>
<context>
    <name>DemoData</name>
    <message>
        <location filename="../core/demo/demo_data.cpp" line="+99"/>
        <source>This profile already holds real reports or partners, so no demonstration data was added. Use --demo-data with a new, empty --data-dir.</source>
        <translation>This profile already holds real reports or partners, so no demonstration data was added. Use --demo-data with a new, empty --data-dir.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose the profile&apos;s municipality before adding demonstration data.</source>
        <translation>Choose the profile&apos;s municipality before adding demonstration data.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The demonstration data could not be added: %1 Nothing was added to this profile.</source>
        <translation>The demonstration data could not be added: %1 Nothing was added to this profile.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The demonstration data could not be completed: %1 This profile now holds part of it (%2 report(s), %3 partner(s)), all marked as demonstration data. Free some space on the disk and use --demo-data with a new, empty --data-dir.</source>
        <translation>The demonstration data could not be completed: %1 This profile now holds part of it (%2 report(s), %3 partner(s)), all marked as demonstration data. Free some space on the disk and use --demo-data with a new, empty --data-dir.</translation>
    </message>
    <message>
        <location filename="../core/demo/regional_demo.cpp" line="+56"/>
        <source>Choose the profile&apos;s regional health unit (URS) before adding demonstration data.</source>
        <translation>Choose the profile&apos;s regional health unit (URS) before adding demonstration data.</translation>
    </message>
    <message>
        <location filename="../core/demo/apoio_demo.cpp" line="+400"/>
        <source>The demonstration data of this profile was cut short. Use --demo-data with a new, empty --data-dir.</source>
        <translation>The demonstration data of this profile was cut short. Use --demo-data with a new, empty --data-dir.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../core/demo/regional_demo.cpp" line="+10"/>
        <source>This profile already holds reports received from the hub, so no demonstration data was added. Use --demo-data with a new, empty --data-dir.</source>
        <translation>This profile already holds reports received from the hub, so no demonstration data was added. Use --demo-data with a new, empty --data-dir.</translation>
    </message>
    <message>
        <location line="-209"/>
        <location line="+192"/>
        <source>Choose the profile&apos;s state before adding demonstration data.</source>
        <translation>Choose the profile&apos;s state before adding demonstration data.</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../app/ui/dialogs.cpp" line="+27"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Images (*.jpg *.jpeg *.png *.webp *.gif *.bmp *.tif *.tiff *.JPG *.JPEG *.PNG);;All files (*)</source>
        <translation>Images (*.jpg *.jpeg *.png *.webp *.gif *.bmp *.tif *.tiff *.JPG *.JPEG *.PNG);;All files (*)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Open file</source>
        <translation>Open file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No program on this computer opens %1. The file is saved; open it from its folder with the program you use for this kind of file.</source>
        <translation>No program on this computer opens %1. The file is saved; open it from its folder with the program you use for this kind of file.</translation>
    </message>
</context>
<context>
    <name>EditorCommands</name>
    <message>
        <location filename="../app/ui/editor/editor_commands.cpp" line="+40"/>
        <source>Edit “%1”</source>
        <translation>Edit “%1”</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Change the partners of the action</source>
        <translation>Change the partners of the action</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Add an action</source>
        <translation>Add an action</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Remove an action</source>
        <translation>Remove an action</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Move an action</source>
        <translation>Move an action</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Add a photo</source>
        <translation>Add a photo</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Remove a photo</source>
        <translation>Remove a photo</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Move a photo</source>
        <translation>Move a photo</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Edit a photo</source>
        <translation>Edit a photo</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Change “No actions this month”</source>
        <translation>Change “No actions this month”</translation>
    </message>
</context>
<context>
    <name>HistoryText</name>
    <message>
        <location filename="../app/ui/regional/history_text.cpp" line="+33"/>
        <source>An action of another revision</source>
        <translation>An action of another revision</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action %1</source>
        <translation>Action %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action %1, a photo of another revision</source>
        <translation>Action %1, a photo of another revision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action %1, Photo %2</source>
        <translation>Action %1, Photo %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Revision %1 received by the hub</source>
        <translation>Revision %1 received by the hub</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revision %1: %2</source>
        <translation>Revision %1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>made here, waits to be sent to the hub</source>
        <translation>made here, waits to be sent to the hub</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>made here, taken by the hub</source>
        <translation>made here, taken by the hub</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>made here, refused by the hub</source>
        <translation>made here, refused by the hub</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>made here, refused by the hub: %1</source>
        <translation>made here, refused by the hub: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>History (%1)</source>
        <translation>History (%1)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Summary from the list of reports. The full history (who decided, from which installation, the notes) arrives at the next synchronization.</source>
        <translation>Summary from the list of reports. The full history (who decided, from which installation, the notes) arrives at the next synchronization.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Brought on %1; the hub has newer events, which arrive at the next synchronization.</source>
        <translation>Brought on %1; the hub has newer events, which arrive at the next synchronization.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing recorded yet.</source>
        <translation>Nothing recorded yet.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>by %1</source>
        <translation>by %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>from this installation</source>
        <translation>from this installation</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>from installation %1</source>
        <translation>from installation %1</translation>
    </message>
</context>
<context>
    <name>Hub</name>
    <message>
        <location filename="../sync/hub/hub.cpp" line="+59"/>
        <source>The hub&apos;s disk is full, so nothing was stored. What it stored before is intact. Free space in the hub&apos;s data folder (or tell the regional office, URS), then try again.</source>
        <translation>The hub&apos;s disk is full, so nothing was stored. What it stored before is intact. Free space in the hub&apos;s data folder (or tell the regional office, URS), then try again.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The hub could not complete the request because of an internal error. Try again later; if it keeps happening, tell the regional office (URS).</source>
        <translation>The hub could not complete the request because of an internal error. Try again later; if it keeps happening, tell the regional office (URS).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not found on this hub.</source>
        <translation>Not found on this hub.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The hub did not accept this installation&apos;s credentials. Enroll this installation again with a new code from the regional office (URS).</source>
        <translation>The hub did not accept this installation&apos;s credentials. Enroll this installation again with a new code from the regional office (URS).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>“%1” is not the IBGE code of a municipality of Minas Gerais. Use the 7-digit code, e.g. 3105608 for Barbacena.</source>
        <translation>“%1” is not the IBGE code of a municipality of Minas Gerais. Use the 7-digit code, e.g. 3105608 for Barbacena.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>“%1” is not the name of a URS (regional health office) of Minas Gerais. Check the spelling, e.g. Barbacena or Manhuaçu.</source>
        <translation>“%1” is not the name of a URS (regional health office) of Minas Gerais. Check the spelling, e.g. Barbacena or Manhuaçu.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>This hub does not know the program “%1”. Known: %2.</source>
        <translation>This hub does not know the program “%1”. Known: %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The program “%1” has no level “%2”. Its levels: %3.</source>
        <translation>The program “%1” has no level “%2”. Its levels: %3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The level “%1” is enrolled with --municipality or --urs, as before.</source>
        <translation>The level “%1” is enrolled with --municipality or --urs, as before.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The level “%1” is enrolled by state: say which with --uf, e.g. --uf BA.</source>
        <translation>The level “%1” is enrolled by state: say which with --uf, e.g. --uf BA.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The level “%1” is not of one state: leave out --uf.</source>
        <translation>The level “%1” is not of one state: leave out --uf.</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>URS %1</source>
        <translation>URS %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>central level</source>
        <translation>central level</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_tokens.cpp" line="+56"/>
        <source>This enrollment code is not valid: it may be mistyped, already used or expired. Ask the regional office (URS) for a new code.</source>
        <translation>This enrollment code is not valid: it may be mistyped, already used or expired. Ask the regional office (URS) for a new code.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_blobs.cpp" line="+87"/>
        <source>The hub is keeping %1 MiB of photos from this installation that no report sent to it names yet, the most it keeps per installation (%2 MiB). Send the reports those photos belong to (their photos then count no more), or ask the regional office (URS) to raise the limit. Photos that no report names are discarded after 7 days.</source>
        <translation>The hub is keeping %1 MiB of photos from this installation that no report sent to it names yet, the most it keeps per installation (%2 MiB). Send the reports those photos belong to (their photos then count no more), or ask the regional office (URS) to raise the limit. Photos that no report names are discarded after 7 days.</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>The photo&apos;s name is not a SHA-256 (64 lower-case hexadecimal digits).</source>
        <translation>The photo&apos;s name is not a SHA-256 (64 lower-case hexadecimal digits).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The photo is larger than the hub accepts (%1 bytes at most). Reduce the photo and send it again.</source>
        <translation>The photo is larger than the hub accepts (%1 bytes at most). Reduce the photo and send it again.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../sync/hub/hub_dispatch_routes.cpp" line="+44"/>
        <source>The photo arrived damaged (its content does not match its name). Nothing was stored; send it again.</source>
        <translation>The photo arrived damaged (its content does not match its name). Nothing was stored; send it again.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_revisions.cpp" line="+50"/>
        <source>The hub already has revision %1 of this report with different content. A concluded revision is never replaced: reopen the report to send a new revision.</source>
        <translation>The hub already has revision %1 of this report with different content. A concluded revision is never replaced: reopen the report to send a new revision.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The hub already has a later revision (%1) of this report; revision %2 was not stored.</source>
        <translation>The hub already has a later revision (%1) of this report; revision %2 was not stored.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>The report is larger than the hub accepts (%1 bytes at most).</source>
        <translation>The report is larger than the hub accepts (%1 bytes at most).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The report data is not a JSON object.</source>
        <translation>The report data is not a JSON object.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The address of the request does not match the report it carries (report or revision).</source>
        <translation>The address of the request does not match the report it carries (report or revision).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This installation may only send reports of its own municipality.</source>
        <translation>This installation may only send reports of its own municipality.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This report names another program than its reporting unit&apos;s (%1) on this hub; it was not stored.</source>
        <translation>This report names another program than its reporting unit&apos;s (%1) on this hub; it was not stored.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The hub already has this report for another municipality, program or month; this revision was not stored.</source>
        <translation>The hub already has this report for another municipality, program or month; this revision was not stored.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The hub does not have %1 of the report&apos;s photos yet. Send them first.</source>
        <translation>The hub does not have %1 of the report&apos;s photos yet. Send them first.</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>--urs lists SES-MG&apos;s reports of a URS: leave out --program and --uf.</source>
        <translation>--urs lists SES-MG&apos;s reports of a URS: leave out --program and --uf.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>SES-MG&apos;s reports are listed by URS: use --urs instead of --uf.</source>
        <translation>SES-MG&apos;s reports are listed by URS: use --urs instead of --uf.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This hub does not know the program “%1”.</source>
        <translation>This hub does not know the program “%1”.</translation>
    </message>
    <message>
        <location line="-266"/>
        <source>This hub does not know the program “%1”. Ask the regional office (URS) to update the hub.</source>
        <translation>This hub does not know the program “%1”. Ask the regional office (URS) to update the hub.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_tokens.cpp" line="-31"/>
        <source>This installation has not connected to the hub for more than %1 days, so its access expired. Enroll it again with a new code from the regional office (URS); nothing in its outbox is lost.</source>
        <translation>This installation has not connected to the hub for more than %1 days, so its access expired. Enroll it again with a new code from the regional office (URS); nothing in its outbox is lost.</translation>
    </message>
    <message>
        <location line="+223"/>
        <source>This installation&apos;s access was renewed less than an hour ago; it is renewed again later.</source>
        <translation>This installation&apos;s access was renewed less than an hour ago; it is renewed again later.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_revisions.cpp" line="-12"/>
        <source>Only the municipality&apos;s own installation sends its reports. A regional (URS) or central installation cannot send or change them.</source>
        <translation>Only the municipality&apos;s own installation sends its reports. A regional (URS) or central installation cannot send or change them.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The report&apos;s municipality (%1) is not in the reference table of Minas Gerais.</source>
        <translation>The report&apos;s municipality (%1) is not in the reference table of Minas Gerais.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The report did not pass the program&apos;s checks. Correct what is listed and conclude it again.</source>
        <translation>The report did not pass the program&apos;s checks. Correct what is listed and conclude it again.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_reviews.cpp" line="+32"/>
        <source>Say what the regional office must look at again: a report returned to the URS needs a comment.</source>
        <translation>Say what the regional office must look at again: a report returned to the URS needs a comment.</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Only the reviewing levels (a URS or the central level; a COSEMS or CONASEMS) review reports. This installation sends its own reports and receives their reviews.</source>
        <translation>Only the reviewing levels (a URS or the central level; a COSEMS or CONASEMS) review reports. This installation sends its own reports and receives their reviews.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Say what must be corrected: a returned report needs a comment.</source>
        <translation>Say what must be corrected: a returned report needs a comment.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Only the central level consolidates a report or returns it to the regional office (URS).</source>
        <translation>Only the central level consolidates a report or returns it to the regional office (URS).</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The address must name a review decision (UUID).</source>
        <translation>The address must name a review decision (UUID).</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Unknown review decision “%1”.</source>
        <translation>Unknown review decision “%1”.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The hub already has another review decision with this identifier. Nothing was changed; make the decision again.</source>
        <translation>The hub already has another review decision with this identifier. Nothing was changed; make the decision again.</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>There is no report %1 on this hub.</source>
        <translation>There is no report %1 on this hub.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_revisions.cpp" line="+224"/>
        <source>“%1” is not a month. Use YYYY-MM, e.g. 2026-10.</source>
        <translation>“%1” is not a month. Use YYYY-MM, e.g. 2026-10.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_partners.cpp" line="+14"/>
        <source>Only the municipality&apos;s own installation writes and erases its partners. A regional (URS) or central installation can only read them.</source>
        <translation>Only the municipality&apos;s own installation writes and erases its partners. A regional (URS) or central installation can only read them.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The hub already has this partner for another municipality. A partner always stays with the municipality that registered it; nothing was changed.</source>
        <translation>The hub already has this partner for another municipality. A partner always stays with the municipality that registered it; nothing was changed.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The address of the request does not match the partner it carries.</source>
        <translation>The address of the request does not match the partner it carries.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>The partner&apos;s municipality is not valid.</source>
        <translation>The partner&apos;s municipality is not valid.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This installation may only send partners of its own municipality.</source>
        <translation>This installation may only send partners of its own municipality.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_pull.cpp" line="+18"/>
        <source>Only the regional office (URS) and the central level copy reports from the hub. This installation sends its own reports and receives their reviews.</source>
        <translation>Only the regional office (URS) and the central level copy reports from the hub. This installation sends its own reports and receives their reviews.</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>This list exists only for a program whose reports are made by people (apoiadores); the municipalities of a URS come from the reference table.</source>
        <translation>This list exists only for a program whose reports are made by people (apoiadores); the municipalities of a URS come from the reference table.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_batches.cpp" line="+19"/>
        <source>Only a regional office (URS) sends batches of accepted reports to the central level.</source>
        <translation>Only a regional office (URS) sends batches of accepted reports to the central level.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Batches forward SES-MG&apos;s reports to its central level; this installation&apos;s program has none.</source>
        <translation>Batches forward SES-MG&apos;s reports to its central level; this installation&apos;s program has none.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The address must name a batch (UUID).</source>
        <translation>The address must name a batch (UUID).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The address of the request does not match the batch it carries.</source>
        <translation>The address of the request does not match the batch it carries.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A regional office (URS) sends only its own batches: this one names another URS.</source>
        <translation>A regional office (URS) sends only its own batches: this one names another URS.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>The batch was not received: reports that cannot be forwarded: %1 (not accepted, changed, of another month or not found). Nothing was stored; make the batch again.</source>
        <translation>The batch was not received: reports that cannot be forwarded: %1 (not accepted, changed, of another month or not found). Nothing was stored; make the batch again.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The hub already has another batch with this identifier. Nothing was changed; make the batch again.</source>
        <translation>The hub already has another batch with this identifier. Nothing was changed; make the batch again.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_imports.cpp" line="+16"/>
        <source>Only the regional office (URS) and the central level import report package files. This installation sends its own reports.</source>
        <translation>Only the regional office (URS) and the central level import report package files. This installation sends its own reports.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The address must name the package file by its SHA-256 (64 lower-case hex digits).</source>
        <translation>The address must name the package file by its SHA-256 (64 lower-case hex digits).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The package file arrived damaged (its content does not match its name). Nothing was stored; send it again.</source>
        <translation>The package file arrived damaged (its content does not match its name). Nothing was stored; send it again.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_partners_region.cpp" line="+15"/>
        <source>Only the regional office (URS) and the central level read the partners of the region. This installation sends its own partners.</source>
        <translation>Only the regional office (URS) and the central level read the partners of the region. This installation sends its own partners.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_targets.cpp" line="+17"/>
        <source>This installation&apos;s program has no targets on this hub.</source>
        <translation>This installation&apos;s program has no targets on this hub.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The central level has not published targets yet.</source>
        <translation>The central level has not published targets yet.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Only the central level publishes the targets.</source>
        <translation>Only the central level publishes the targets.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The hub already holds targets of revision %1, newer than these (%2). Synchronize again: the edit is sent as a newer revision.</source>
        <translation>The hub already holds targets of revision %1, newer than these (%2). Synchronize again: the edit is sent as a newer revision.</translation>
    </message>
</context>
<context>
    <name>HubCli</name>
    <message>
        <location filename="../sync/hub/hub_cli.cpp" line="+91"/>
        <source>Run “mobiliza-hub --help” to see the commands and their options.</source>
        <translation>Run “mobiliza-hub --help” to see the commands and their options.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_cli_stats.cpp" line="+43"/>
        <source>database size (pg_database_size)</source>
        <translation>database size (pg_database_size)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database size (SQLite file and its WAL)</source>
        <translation>database size (SQLite file and its WAL)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>photo files</source>
        <translation>photo files</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bytes of photo files</source>
        <translation>bytes of photo files</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>photos a received report names</source>
        <translation>photos a received report names</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bytes of photos a received report names</source>
        <translation>bytes of photos a received report names</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>photos no report names yet (collected after 7 days)</source>
        <translation>photos no report names yet (collected after 7 days)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bytes of photos no report names yet</source>
        <translation>bytes of photos no report names yet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>free space for the data folder %1</source>
        <translation>free space for the data folder %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>tokens in use</source>
        <translation>tokens in use</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tokens revoked</source>
        <translation>tokens revoked</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tokens expired (unused for too long)</source>
        <translation>tokens expired (unused for too long)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tokens replaced by a renewal</source>
        <translation>tokens replaced by a renewal</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>reports received</source>
        <translation>reports received</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>revisions received</source>
        <translation>revisions received</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>quota per token of photos no report names (serve --quota-mib)</source>
        <translation>quota per token of photos no report names (serve --quota-mib)</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_cli_options.cpp" line="+120"/>
        <source>answer the installations (HTTP)</source>
        <translation>answer the installations (HTTP)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>issue a one-time enrollment code</source>
        <translation>issue a one-time enrollment code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revoke tokens</source>
        <translation>revoke tokens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>list the tokens</source>
        <translation>list the tokens</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>list the received revisions</source>
        <translation>list the received revisions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accept or return the latest revision of a report</source>
        <translation>accept or return the latest revision of a report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>import a report package or a batch file</source>
        <translation>import a report package or a batch file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>list the batches sent to the central level</source>
        <translation>list the batches sent to the central level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>write a batch&apos;s receipt file for the URS again</source>
        <translation>write a batch&apos;s receipt file for the URS again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>show the hub&apos;s disk use, tokens and reports</source>
        <translation>show the hub&apos;s disk use, tokens and reports</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mobiliza hub: receives the municipalities&apos; reports, checks them and sends the review back.</source>
        <translation>Mobiliza hub: receives the municipalities&apos; reports, checks them and sends the review back.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Commands:</source>
        <translation>Commands:</translation>
    </message>
    <message>
        <location line="-121"/>
        <source>Address and port to listen on (port 0: any free port).</source>
        <translation>Address and port to listen on (port 0: any free port).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The hub&apos;s data folder.</source>
        <translation>The hub&apos;s data folder.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PostgreSQL database (postgresql://user:password@host:port/database) instead of SQLite in the data folder; or set MOBILIZA_HUB_DB.</source>
        <translation>PostgreSQL database (postgresql://user:password@host:port/database) instead of SQLite in the data folder; or set MOBILIZA_HUB_DB.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The hub&apos;s name shown to installations.</source>
        <translation>The hub&apos;s name shown to installations.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The hub&apos;s identifier (default: from its name).</source>
        <translation>The hub&apos;s identifier (default: from its name).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Access log file, or - for standard error (default: DIR/access.log).</source>
        <translation>Access log file, or - for standard error (default: DIR/access.log).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Take the client&apos;s address from X-Forwarded-For when the request comes from a proxy on this machine.</source>
        <translation>Take the client&apos;s address from X-Forwarded-For when the request comes from a proxy on this machine.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>serve: worker threads, each with its own database connection.</source>
        <translation>serve: worker threads, each with its own database connection.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>serve: seconds a silent connection is kept open.</source>
        <translation>serve: seconds a silent connection is kept open.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>serve: open connections in all (default: as many as the system allows).</source>
        <translation>serve: open connections in all (default: as many as the system allows).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>serve: open connections from one address (0: no limit; with --trust-proxy, none).</source>
        <translation>serve: open connections from one address (0: no limit; with --trust-proxy, none).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>serve: MiB of photos one installation may have on the hub that no report sent names yet (0: no limit).</source>
        <translation>serve: MiB of photos one installation may have on the hub that no report sent names yet (0: no limit).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Days after which a token not used is refused (0: never).</source>
        <translation>Days after which a token not used is refused (0: never).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>stats: how many tokens to list by photos awaiting a report.</source>
        <translation>stats: how many tokens to list by photos awaiting a report.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>IBGE code of a municipality.</source>
        <translation>IBGE code of a municipality.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name of a URS (regional health office).</source>
        <translation>Name of a URS (regional health office).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The central level (sees every municipality).</source>
        <translation>The central level (sees every municipality).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>enroll: the program of a --role (default: ses_mg_mobilizacao); reports: only this program.</source>
        <translation>enroll: the program of a --role (default: ses_mg_mobilizacao); reports: only this program.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>enroll: a level of a program set up by state, e.g. apoiador, cosems or conasems with --program apoio_cosems.</source>
        <translation>enroll: a level of a program set up by state, e.g. apoiador, cosems or conasems with --program apoio_cosems.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>enroll: the state of an apoiador or a COSEMS.</source>
        <translation>enroll: the state of an apoiador or a COSEMS.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A note to recognize the enrollment later.</source>
        <translation>A note to recognize the enrollment later.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The token&apos;s id (see “tokens”).</source>
        <translation>The token&apos;s id (see “tokens”).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only this month.</source>
        <translation>Only this month.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The report&apos;s id (UUID).</source>
        <translation>The report&apos;s id (UUID).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accept the latest revision.</source>
        <translation>Accept the latest revision.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Return the latest revision with this comment.</source>
        <translation>Return the latest revision with this comment.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Who reviews (default: the system user).</source>
        <translation>Who reviews (default: the system user).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>receipt: the batch&apos;s id (UUID).</source>
        <translation>receipt: the batch&apos;s id (UUID).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>import: where the batch&apos;s receipt file goes (default: beside the batch file, .mobiliza-recibo).</source>
        <translation>import: where the batch&apos;s receipt file goes (default: beside the batch file, .mobiliza-recibo).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>receipt: the file to write (default: lote-URS-MONTH.mobiliza-recibo).</source>
        <translation>receipt: the file to write (default: lote-URS-MONTH.mobiliza-recibo).</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>serve, enroll, revoke, tokens, reports, review, import, batches, receipt or stats</source>
        <translation>serve, enroll, revoke, tokens, reports, review, import, batches, receipt or stats</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>import: the package or batch file</source>
        <translation>import: the package or batch file</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_cli.cpp" line="+136"/>
        <source>Say which command to run.</source>
        <translation>Say which command to run.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unknown command “%1”.</source>
        <translation>Unknown command “%1”.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unexpected argument “%1”.</source>
        <translation>Unexpected argument “%1”.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Say where the hub&apos;s data folder is with --data DIR.</source>
        <translation>Say where the hub&apos;s data folder is with --data DIR.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Say who the code is for: --municipality IBGE, --urs NAME, --central, or --role LEVEL (with --program and, for a level of one state, --uf) — one of them.</source>
        <translation>Say who the code is for: --municipality IBGE, --urs NAME, --central, or --role LEVEL (with --program and, for a level of one state, --uf) — one of them.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--program and --uf go with --role, e.g. --program apoio_cosems --role apoiador --uf BA.</source>
        <translation>--program and --uf go with --role, e.g. --program apoio_cosems --role apoiador --uf BA.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Say what to revoke: --token-id ID or --municipality IBGE (one of them).</source>
        <translation>Say what to revoke: --token-id ID or --municipality IBGE (one of them).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Say which report (--report ID) and the decision: --accept or --return COMMENT.</source>
        <translation>Say which report (--report ID) and the decision: --accept or --return COMMENT.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Say which package file to import.</source>
        <translation>Say which package file to import.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Say which batch with --batch UUID (see “batches”).</source>
        <translation>Say which batch with --batch UUID (see “batches”).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--receipt FILE goes with import; --batch UUID and --out FILE go with receipt.</source>
        <translation>--receipt FILE goes with import; --batch UUID and --out FILE go with receipt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1” is not an address and port. Use e.g. 127.0.0.1:8080.</source>
        <translation>“%1” is not an address and port. Use e.g. 127.0.0.1:8080.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>--%1 takes a whole number (e.g. %2).</source>
        <translation>--%1 takes a whole number (e.g. %2).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--trust-proxy is for a hub behind nginx on the same machine: listen on 127.0.0.1 (e.g. --listen 127.0.0.1:8080).</source>
        <translation>--trust-proxy is for a hub behind nginx on the same machine: listen on 127.0.0.1 (e.g. --listen 127.0.0.1:8080).</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The hub could not listen on %1 (%2). Check that no other program uses that port and that the address belongs to this machine.</source>
        <translation>The hub could not listen on %1 (%2). Check that no other program uses that port and that the address belongs to this machine.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Unreferenced photo files could not be deleted: %1</source>
        <translation>Unreferenced photo files could not be deleted: %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>One-time enrollment code for %1, valid until %2. Type it in Mobiliza (Sincronização); it works once:</source>
        <translation>One-time enrollment code for %1, valid until %2. Type it in Mobiliza (Sincronização); it works once:</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>No active token matched; nothing was revoked. See the tokens with “mobiliza-hub tokens”.</source>
        <translation>No active token matched; nothing was revoked. See the tokens with “mobiliza-hub tokens”.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tokens revoked: %1. Those installations must be enrolled again with a new code.</source>
        <translation>Tokens revoked: %1. Those installations must be enrolled again with a new code.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Report %1 (%2, %3), revision %4: %5.</source>
        <translation>Report %1 (%2, %3), revision %4: %5.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_cli_batches.cpp" line="+32"/>
        <source>The batch is recorded here; write its receipt again with “mobiliza-hub receipt --batch %1 --out FILE”.</source>
        <translation>The batch is recorded here; write its receipt again with “mobiliza-hub receipt --batch %1 --out FILE”.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Receipt for the URS written to %1: take it back to the URS (Batches page, “Import receipt…”).</source>
        <translation>Receipt for the URS written to %1: take it back to the URS (Batches page, “Import receipt…”).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Received batch %1 of URS %2 (%3): %4 reports forwarded, %5 imported now, as %6.</source>
        <translation>Received batch %1 of URS %2 (%3): %4 reports forwarded, %5 imported now, as %6.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batch %1 of URS %2 (%3), %4 reports, was already here as %6 (%5 imported now).</source>
        <translation>Batch %1 of URS %2 (%3), %4 reports, was already here as %6 (%5 imported now).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Imported report %1 (%2, %3), revision %4, as %5.</source>
        <translation>Imported report %1 (%2, %3), revision %4, as %5.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report %1 (%2, %3), revision %4, was already here as %5.</source>
        <translation>Report %1 (%2, %3), revision %4, was already here as %5.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This hub has no batch %1. See the batches it has with “mobiliza-hub batches”.</source>
        <translation>This hub has no batch %1. See the batches it has with “mobiliza-hub batches”.</translation>
    </message>
</context>
<context>
    <name>HubClient</name>
    <message>
        <location filename="../sync/client/hub_client.cpp" line="+109"/>
        <source>Lab setting on (%1=1): this hub address uses plain http://, so the access key and partners&apos; contacts travel unprotected over the network. Use it only on a test network, never with real data.</source>
        <translation>Lab setting on (%1=1): this hub address uses plain http://, so the access key and partners&apos; contacts travel unprotected over the network. Use it only on a test network, never with real data.</translation>
    </message>
</context>
<context>
    <name>HubError</name>
    <message>
        <location filename="../sync/client/hub_client_errors.cpp" line="+83"/>
        <source>The hub could not read this report (%1). Tell the URS, and check that Mobiliza is up to date.</source>
        <translation>The hub could not read this report (%1). Tell the URS, and check that Mobiliza is up to date.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The hub did not understand a request from this computer. Check that Mobiliza is up to date; it will try again automatically.</source>
        <translation>The hub did not understand a request from this computer. Check that Mobiliza is up to date; it will try again automatically.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This computer&apos;s access to the hub expired because it did not connect for a long time. Ask the URS for a new enrollment code and connect again on the Synchronization page. Nothing was lost: the reports stay in the outbox.</source>
        <translation>This computer&apos;s access to the hub expired because it did not connect for a long time. Ask the URS for a new enrollment code and connect again on the Synchronization page. Nothing was lost: the reports stay in the outbox.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The URS already has a newer version of this month&apos;s report. Contact the URS before sending this one.</source>
        <translation>The URS already has a newer version of this month&apos;s report. Contact the URS before sending this one.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The hub is keeping as many photos from this computer as it allows for reports it has not received yet. Mobiliza will try again later; if this lasts, tell the URS (it can raise the limit).</source>
        <translation>The hub is keeping as many photos from this computer as it allows for reports it has not received yet. Mobiliza will try again later; if this lasts, tell the URS (it can raise the limit).</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../sync/client/sync_engine.cpp" line="+279"/>
        <source>This report is larger than the hub accepts. Ask the URS to raise the limit; Mobiliza will try again later.</source>
        <translation>This report is larger than the hub accepts. Ask the URS to raise the limit; Mobiliza will try again later.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The hub refused the list of this report&apos;s photos to check as too long (its limits changed). Nothing is wrong with the photos; Mobiliza will try again later in smaller parts. If this repeats, tell the URS.</source>
        <translation>The hub refused the list of this report&apos;s photos to check as too long (its limits changed). Nothing is wrong with the photos; Mobiliza will try again later in smaller parts. If this repeats, tell the URS.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This partner&apos;s record is larger than the hub accepts. Tell the URS; Mobiliza will try again later.</source>
        <translation>This partner&apos;s record is larger than the hub accepts. Tell the URS; Mobiliza will try again later.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The hub refused a request from this computer as too large. Check that Mobiliza is up to date; it will try again automatically.</source>
        <translation>The hub refused a request from this computer as too large. Check that Mobiliza is up to date; it will try again automatically.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A photo arrived damaged at the hub (the connection changed it on the way). It will be sent again automatically.</source>
        <translation>A photo arrived damaged at the hub (the connection changed it on the way). It will be sent again automatically.</translation>
    </message>
    <message>
        <location filename="../sync/client/hub_error.cpp" line="+95"/>
        <source>This computer could not reach the hub: it seems to be offline, or the hub address is wrong. Reports stay safe in the outbox and are sent automatically when the connection returns.</source>
        <translation>This computer could not reach the hub: it seems to be offline, or the hub address is wrong. Reports stay safe in the outbox and are sent automatically when the connection returns.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This computer could not reach the hub at %1: it seems to be offline, or the hub address is wrong. Reports stay safe in the outbox and are sent automatically when the connection returns.</source>
        <translation>This computer could not reach the hub at %1: it seems to be offline, or the hub address is wrong. Reports stay safe in the outbox and are sent automatically when the connection returns.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The hub did not answer, or the connection was cut. It may be off, or the network is unstable. Mobiliza will try again automatically.</source>
        <translation>The hub did not answer, or the connection was cut. It may be off, or the network is unstable. Mobiliza will try again automatically.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The hub at %1 did not answer, or the connection was cut. It may be off, or the network is unstable. Mobiliza will try again automatically.</source>
        <translation>The hub at %1 did not answer, or the connection was cut. It may be off, or the network is unstable. Mobiliza will try again automatically.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The hub took too long to answer (slow or unstable connection). Mobiliza will try again automatically; photos already sent are not sent again.</source>
        <translation>The hub took too long to answer (slow or unstable connection). Mobiliza will try again automatically; photos already sent are not sent again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A secure connection with the hub could not be established. Check that this computer&apos;s date and time are right; if they are, tell the URS (the hub&apos;s certificate may be invalid).</source>
        <translation>A secure connection with the hub could not be established. Check that this computer&apos;s date and time are right; if they are, tell the URS (the hub&apos;s certificate may be invalid).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This computer is connected to its hub with a plain http:// address, which would carry the access key and partners&apos; contacts unprotected, so nothing was sent. Connect again on the Synchronization page with the https:// address given by the URS (a new enrollment code is needed). Nothing was lost: the reports stay in the outbox.</source>
        <translation>This computer is connected to its hub with a plain http:// address, which would carry the access key and partners&apos; contacts unprotected, so nothing was sent. Connect again on the Synchronization page with the https:// address given by the URS (a new enrollment code is needed). Nothing was lost: the reports stay in the outbox.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The answer did not come from the hub of your URS: a network login page (hotel or public Wi-Fi) or a proxy is in the way. Open a web browser, log in to the network, then choose &quot;Sync now&quot;. Nothing was counted as sent.</source>
        <translation>The answer did not come from the hub of your URS: a network login page (hotel or public Wi-Fi) or a proxy is in the way. Open a web browser, log in to the network, then choose &quot;Sync now&quot;. Nothing was counted as sent.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The hub no longer accepts this computer (its access was revoked or replaced). Ask the URS for a new enrollment code and connect again on the Synchronization page.</source>
        <translation>The hub no longer accepts this computer (its access was revoked or replaced). Ask the URS for a new enrollment code and connect again on the Synchronization page.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The enrollment code was not accepted: it may be mistyped, already used or expired (codes last 14 days). Check it, or ask the URS for a new code.</source>
        <translation>The enrollment code was not accepted: it may be mistyped, already used or expired (codes last 14 days). Check it, or ask the URS for a new code.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The hub refused: this computer is enrolled for another municipality or region. Check the enrollment with the URS.</source>
        <translation>The hub refused: this computer is enrolled for another municipality or region. Check the enrollment with the URS.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server at this address is not a Mobiliza hub, or the address is incomplete. Check the hub address with the URS.</source>
        <translation>The server at this address is not a Mobiliza hub, or the address is incomplete. Check the hub address with the URS.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Another version of this month&apos;s report was already sent to the URS (from another computer, or before a correction). Contact the URS to decide which one is valid.</source>
        <translation>Another version of this month&apos;s report was already sent to the URS (from another computer, or before a correction). Contact the URS to decide which one is valid.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Some photos did not reach the hub. They will be sent again automatically.</source>
        <translation>Some photos did not reach the hub. They will be sent again automatically.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A photo is larger than the hub accepts. Replace it with a smaller photo, or ask the URS to raise the limit. Mobiliza will try again later.</source>
        <translation>A photo is larger than the hub accepts. Replace it with a smaller photo, or ask the URS to raise the limit. Mobiliza will try again later.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The hub did not accept this report: its rules found problems (listed below). Withdraw the report, correct it and conclude it again.</source>
        <translation>The hub did not accept this report: its rules found problems (listed below). Withdraw the report, correct it and conclude it again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The hub is busy and asked to wait before sending more. Mobiliza will try again automatically.</source>
        <translation>The hub is busy and asked to wait before sending more. Mobiliza will try again automatically.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The hub has a problem right now (not this computer). Mobiliza will try again automatically; if it lasts for days, tell the URS.</source>
        <translation>The hub has a problem right now (not this computer). Mobiliza will try again automatically; if it lasts for days, tell the URS.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A file of this report could not be read on this computer.</source>
        <translation>A file of this report could not be read on this computer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The synchronization was stopped before it finished. It continues on the next one.</source>
        <translation>The synchronization was stopped before it finished. It continues on the next one.</translation>
    </message>
    <message>
        <location filename="../sync/client/hub_client_regional.cpp" line="+168"/>
        <source>The hub already has another decision with this identifier. The decision was set aside; make it again.</source>
        <translation>The hub already has another decision with this identifier. The decision was set aside; make it again.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>The hub did not take the batch: some reports cannot be forwarded (%1). Nothing was forwarded; synchronize and make the batch again.</source>
        <translation>The hub did not take the batch: some reports cannot be forwarded (%1). Nothing was forwarded; synchronize and make the batch again.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The hub holds newer targets than this edit. Synchronize again: the edit is sent as a newer revision.</source>
        <translation>The hub holds newer targets than this edit. Synchronize again: the edit is sent as a newer revision.</translation>
    </message>
</context>
<context>
    <name>HubServer</name>
    <message>
        <location filename="../sync/hub/hub_dispatch.cpp" line="+300"/>
        <source>This address does not accept this kind of request.</source>
        <translation>This address does not accept this kind of request.</translation>
    </message>
    <message>
        <location line="-213"/>
        <source>The request is larger than the hub accepts (%1 bytes at most for this address).</source>
        <translation>The request is larger than the hub accepts (%1 bytes at most for this address).</translation>
    </message>
    <message>
        <location line="+223"/>
        <location line="+85"/>
        <source>This request takes no body.</source>
        <translation>This request takes no body.</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Too many enrollment attempts from this address. Wait a minute and try again.</source>
        <translation>Too many enrollment attempts from this address. Wait a minute and try again.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Too many requests from this installation. Mobiliza will try again shortly.</source>
        <translation>Too many requests from this installation. Mobiliza will try again shortly.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_dispatch_routes.cpp" line="+73"/>
        <source>The address must name a report (UUID) and a revision number.</source>
        <translation>The address must name a report (UUID) and a revision number.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The request must list from 1 to %1 different revisions, each a report (UUID) and a revision number.</source>
        <translation>The request must list from 1 to %1 different revisions, each a report (UUID) and a revision number.</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+41"/>
        <location line="+77"/>
        <source>“since” and “limit” must be whole numbers (limit at least 1).</source>
        <translation>“since” and “limit” must be whole numbers (limit at least 1).</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>The address must name a partner (UUID).</source>
        <translation>The address must name a partner (UUID).</translation>
    </message>
</context>
<context>
    <name>HubStore</name>
    <message>
        <location filename="../sync/hub/hub_store.cpp" line="+41"/>
        <source>The hub cannot write to %1. Check that the folder exists, that the disk is not full and that the hub&apos;s user may write there.</source>
        <translation>The hub cannot write to %1. Check that the folder exists, that the disk is not full and that the hub&apos;s user may write there.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The hub&apos;s database %1 could not be opened (%2). Check the address, the user and the password, and that the database server is running.</source>
        <translation>The hub&apos;s database %1 could not be opened (%2). Check the address, the user and the password, and that the database server is running.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The hub&apos;s database was written by a newer version of mobiliza-hub (schema %1; this one knows up to %2). It was not changed. Install the newer mobiliza-hub.</source>
        <translation>The hub&apos;s database was written by a newer version of mobiliza-hub (schema %1; this one knows up to %2). It was not changed. Install the newer mobiliza-hub.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_store_tokens.cpp" line="+24"/>
        <source>This enrollment code is not valid: it may be mistyped, already used or expired. Ask the regional office (URS) for a new code.</source>
        <translation>This enrollment code is not valid: it may be mistyped, already used or expired. Ask the regional office (URS) for a new code.</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>This code is for the program “%1”, and this installation keeps the reports of “%2”. The code was not used: type it in the right installation, or ask for a code of your program.</source>
        <translation>This code is for the program “%1”, and this installation keeps the reports of “%2”. The code was not used: type it in the right installation, or ask for a code of your program.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This code is for the state %1, and this installation is of %2. The code was not used: ask for a code for %2.</source>
        <translation>This code is for the state %1, and this installation is of %2. The code was not used: ask for a code for %2.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This code enrolls an apoiador, and the request did not say which installation it is. Update Mobiliza and enroll again.</source>
        <translation>This code enrolls an apoiador, and the request did not say which installation it is. Update Mobiliza and enroll again.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Another installation already reports as this apoiador (%1). Enroll from the installation that made it, or ask the hub&apos;s administrator.</source>
        <translation>Another installation already reports as this apoiador (%1). Enroll from the installation that made it, or ask the hub&apos;s administrator.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This installation is already enrolled as an apoiador of another state (%1), and its reports stay there. An apoiador of %2 uses a new installation (another data folder).</source>
        <translation>This installation is already enrolled as an apoiador of another state (%1), and its reports stay there. An apoiador of %2 uses a new installation (another data folder).</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_store.cpp" line="+100"/>
        <source>The database address is not valid. Use postgresql://user:password@host:port/database.</source>
        <translation>The database address is not valid. Use postgresql://user:password@host:port/database.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_store_partners.cpp" line="+90"/>
        <source>The partner belongs to another municipality; it was not changed.</source>
        <translation>The partner belongs to another municipality; it was not changed.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/ui/regional/regional_pages.cpp" line="+65"/>
        <location line="+42"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+41"/>
        <source>Synchronization</source>
        <translation>Synchronization</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+41"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>ManifestCodec</name>
    <message>
        <location filename="../core/package/manifest_codec.cpp" line="+24"/>
        <source>The report data is not valid (%1) and was not accepted. Ask whoever sent it to send it again.</source>
        <translation>The report data is not valid (%1) and was not accepted. Ask whoever sent it to send it again.</translation>
    </message>
</context>
<context>
    <name>MonthExports</name>
    <message>
        <location filename="../core/exports/month_exports.cpp" line="+87"/>
        <source>There is no report for %1 in this profile. Check the month (YYYY-MM) or create the report first.</source>
        <translation>There is no report for %1 in this profile. Check the month (YYYY-MM) or create the report first.</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>The report of %1 is still a draft. Conclude it first: a package carries a concluded revision.</source>
        <translation>The report of %1 is still a draft. Conclude it first: a package carries a concluded revision.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Unknown export &quot;%1&quot;.</source>
        <translation>Unknown export &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>OutboxService</name>
    <message>
        <location filename="../core/services/outbox_service.cpp" line="+112"/>
        <source>This item is no longer in the outbox (the report may have been withdrawn). Reload the Synchronization page.</source>
        <translation>This item is no longer in the outbox (the report may have been withdrawn). Reload the Synchronization page.</translation>
    </message>
    <message>
        <location filename="../core/services/outbox_changes.cpp" line="+42"/>
        <source>This outbox item cannot be changed now (it is &quot;%1&quot;). Reload the Synchronization page and try again.</source>
        <translation>This outbox item cannot be changed now (it is &quot;%1&quot;). Reload the Synchronization page and try again.</translation>
    </message>
    <message>
        <location line="+253"/>
        <source>The previous sending was interrupted (the program was closed or the computer was turned off). It will be resumed automatically.</source>
        <translation>The previous sending was interrupted (the program was closed or the computer was turned off). It will be resumed automatically.</translation>
    </message>
</context>
<context>
    <name>PackageIntake</name>
    <message>
        <location filename="../core/regional/package_intake.cpp" line="+37"/>
        <source>This package (%1 MB) is larger than the hub takes from a URS (%2 MB). Nothing was imported: take the file to the hub&apos;s administrator, who imports it with mobiliza-hub import.</source>
        <translation>This package (%1 MB) is larger than the hub takes from a URS (%2 MB). Nothing was imported: take the file to the hub&apos;s administrator, who imports it with mobiliza-hub import.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This package is the report of %1, which is not one of the URS %2&apos;s municipalities. Nothing was imported: hand it to that municipality&apos;s URS.</source>
        <translation>This package is the report of %1, which is not one of the URS %2&apos;s municipalities. Nothing was imported: hand it to that municipality&apos;s URS.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The URS already has revision %1 of this report with another content. Nothing was imported; ask the municipality which one is right.</source>
        <translation>The URS already has revision %1 of this report with another content. Nothing was imported; ask the municipality which one is right.</translation>
    </message>
    <message>
        <location filename="../core/regional/package_intake_job.cpp" line="+61"/>
        <source>This is a URS batch file (.mobiliza-lote): the central level&apos;s installation takes it in (Forwarded, Import batch file…). Nothing was imported here.</source>
        <translation>This is a URS batch file (.mobiliza-lote): the central level&apos;s installation takes it in (Forwarded, Import batch file…). Nothing was imported here.</translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <location filename="../core/panel/panel_query.cpp" line="+212"/>
        <source>The panel&apos;s period is not valid: %1</source>
        <translation>The panel&apos;s period is not valid: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the first month must come before the last.</source>
        <translation>the first month must come before the last.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>choose at most 20 years.</source>
        <translation>choose at most 20 years.</translation>
    </message>
</context>
<context>
    <name>PanelAreas</name>
    <message>
        <location filename="../app/ui/panel/panel_areas.cpp" line="+53"/>
        <source>Macro-region %1</source>
        <translation>Macro-region %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>URS %1</source>
        <translation>URS %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Health region %1</source>
        <translation>Health region %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>URS</source>
        <translation>URS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Health region</source>
        <translation>Health region</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Municipality</source>
        <translation>Municipality</translation>
    </message>
</context>
<context>
    <name>PanelCharts</name>
    <message>
        <location filename="../app/ui/panel/panel_charts.cpp" line="+105"/>
        <source>Jan</source>
        <translation>Jan</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Feb</source>
        <translation>Feb</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mar</source>
        <translation>Mar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Apr</source>
        <translation>Apr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>May</source>
        <translation>May</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Jun</source>
        <translation>Jun</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jul</source>
        <translation>Jul</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Aug</source>
        <translation>Aug</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sep</source>
        <translation>Sep</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Oct</source>
        <translation>Oct</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nov</source>
        <translation>Nov</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dec</source>
        <translation>Dec</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Other themes</source>
        <translation>Other themes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not said</source>
        <translation>Not said</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Actions per month, by theme</source>
        <translation>Actions per month, by theme</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>People reached per month</source>
        <translation>People reached per month</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>People reached</source>
        <translation>People reached</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Municipalities that reported, per month (of %1)</source>
        <translation>Municipalities that reported, per month (of %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+184"/>
        <source>Reported</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location line="-180"/>
        <location line="+212"/>
        <source>Target (%1 %)</source>
        <translation>Target (%1 %)</translation>
    </message>
    <message>
        <location line="-151"/>
        <source>All others</source>
        <translation>All others</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Recorded (%)</source>
        <translation>Recorded (%)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reference (%)</source>
        <translation>Reference (%)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1: %2%</source>
        <translation>%1: %2%</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Q%1/%2</source>
        <translation>Q%1/%2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Coverage by %1, %2 to %3 (% of the months reported)</source>
        <translation>Coverage by %1, %2 to %3 (% of the months reported)</translation>
    </message>
</context>
<context>
    <name>PanelCommand</name>
    <message>
        <location filename="../app/ui/panel/panel_command.cpp" line="+79"/>
        <source>--out must name a .csv or .xlsx file (the panel&apos;s figures, for example painel.xlsx).</source>
        <translation>--out must name a .csv or .xlsx file (the panel&apos;s figures, for example painel.xlsx).</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>&quot;%1&quot; is not a quadrimestre: use YYYY-Qn (n = 1, 2 or 3), e.g. 2026-Q1.</source>
        <translation>&quot;%1&quot; is not a quadrimestre: use YYYY-Qn (n = 1, 2 or 3), e.g. 2026-Q1.</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>%1 is for a profile of the level “%2” or “%3”; this one is of the level “%4”.</source>
        <translation>%1 is for a profile of the level “%2” or “%3”; this one is of the level “%4”.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>--from must not be after --to.</source>
        <translation>--from must not be after --to.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Panel of %1, %2 to %3: %4 actions, %5 participants, %6 of %7 municipalities supported, %8 follow-ups late. Written to %9.</source>
        <translation>Panel of %1, %2 to %3: %4 actions, %5 participants, %6 of %7 municipalities supported, %8 follow-ups late. Written to %9.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Brazil</source>
        <translation>Brazil</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>“%1” declares no texts to search (docs/programs.md, &quot;panel&quot;).</source>
        <translation>“%1” declares no texts to search (docs/programs.md, &quot;panel&quot;).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--out must name a .csv or .xlsx file (the actions found, for example encontradas.xlsx).</source>
        <translation>--out must name a .csv or .xlsx file (the actions found, for example encontradas.xlsx).</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 passage(s) in %2 action(s), %3 to %4.</source>
        <translation>%1 passage(s) in %2 action(s), %3 to %4.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The %1 best above.</source>
        <translation>The %1 best above.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Written to %1.</source>
        <translation>Written to %1.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>--out must name a .csv or .xlsx file (the panel&apos;s data, for example painel.xlsx) or a .pdf file (the Balanço mensal, for example balanco.pdf).</source>
        <translation>--out must name a .csv or .xlsx file (the panel&apos;s data, for example painel.xlsx) or a .pdf file (the Balanço mensal, for example balanco.pdf).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&quot;%1&quot; is not a regional health unit (URS) of Minas Gerais.</source>
        <translation>&quot;%1&quot; is not a regional health unit (URS) of Minas Gerais.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This profile is URS %1&apos;s: its panel has no data of URS %2.</source>
        <translation>This profile is URS %1&apos;s: its panel has no data of URS %2.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&quot;%1&quot; is not a theme of the program. Use one of: %2.</source>
        <translation>&quot;%1&quot; is not a theme of the program. Use one of: %2.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Balanço mensal of %1, %2 to %3: %4 actions, %5 people reached, %6 active núcleos. Written to %7.</source>
        <translation>Balanço mensal of %1, %2 to %3: %4 actions, %5 people reached, %6 active núcleos. Written to %7.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Panel %1 to %2: %3 actions, %4 people reached; %5 of %6 municipalities reported %2. %7 rows written to %8.</source>
        <translation>Panel %1 to %2: %3 actions, %4 people reached; %5 of %6 municipalities reported %2. %7 rows written to %8.</translation>
    </message>
</context>
<context>
    <name>PanelControls</name>
    <message>
        <location filename="../app/ui/panel/panel_controls.cpp" line="+84"/>
        <source>theme %1</source>
        <translation>theme %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>format %1</source>
        <translation>format %1</translation>
    </message>
</context>
<context>
    <name>PanelExport</name>
    <message>
        <location filename="../core/panel/panel_export.cpp" line="+30"/>
        <source>Painel</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IBGE</source>
        <translation>IBGE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Municipality</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URS</source>
        <translation>URS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Health region</source>
        <translation>Health region</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Macro-region</source>
        <translation>Macro-region</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People reached</source>
        <translation>People reached</translation>
    </message>
</context>
<context>
    <name>PanelFiles</name>
    <message>
        <location filename="../app/ui/panel/panel_files.cpp" line="+63"/>
        <source>Save chart as PNG…</source>
        <translation>Save chart as PNG…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save chart as SVG…</source>
        <translation>Save chart as SVG…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Save the chart (SVG)</source>
        <translation>Save the chart (SVG)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the chart (PNG)</source>
        <translation>Save the chart (PNG)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SVG image (*.svg)</source>
        <translation>SVG image (*.svg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG image (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Chart not saved</source>
        <translation>Chart not saved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chart could not be written to %1 (%2). Choose another folder — one you can write to — and try again.</source>
        <translation>The chart could not be written to %1 (%2). Choose another folder — one you can write to — and try again.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Chart saved</source>
        <translation>Chart saved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chart was written to %1.</source>
        <translation>The chart was written to %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export the panel&apos;s data (XLSX)</source>
        <translation>Export the panel&apos;s data (XLSX)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the panel&apos;s data (CSV)</source>
        <translation>Export the panel&apos;s data (CSV)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV for Excel (*.csv)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Panel exported</source>
        <translation>Panel exported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The panel&apos;s data was written to %1.</source>
        <translation>The panel&apos;s data was written to %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Panel not exported</source>
        <translation>Panel not exported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The panel&apos;s data could not be written: %1</source>
        <translation>The panel&apos;s data could not be written: %1</translation>
    </message>
</context>
<context>
    <name>PanelMap</name>
    <message>
        <location filename="../app/ui/panel/panel_map.cpp" line="+127"/>
        <source>no action</source>
        <translation>no action</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n action(s)</source>
        <translation>
            <numerusform>%n action(s)</numerusform>
            <numerusform>%n action(s)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 to %2 actions</source>
        <translation>%1 to %2 actions</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Municipalities on the map — actions in the period</source>
        <translation>Municipalities on the map — actions in the period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Municipalities on the map — months reported in the period</source>
        <translation>Municipalities on the map — months reported in the period</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>no month</source>
        <translation>no month</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>some months</source>
        <translation>some months</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>every month</source>
        <translation>every month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reported</source>
        <translation>reported</translation>
    </message>
</context>
<context>
    <name>Partner</name>
    <message>
        <location filename="../app/ui/models/partner_list_model.cpp" line="+16"/>
        <source>Individual</source>
        <translation>Individual</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organization</source>
        <translation>Organization</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Informal group</source>
        <translation>Informal group</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Mapped</source>
        <translation>Mapped</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sensitized</source>
        <translation>Sensitized</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active partnership</source>
        <translation>Active partnership</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inactive</source>
        <translation>Inactive</translation>
    </message>
</context>
<context>
    <name>PartnerActions</name>
    <message>
        <location filename="../app/ui/partners/partner_actions.cpp" line="+24"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>(untitled)</source>
        <translation>(untitled)</translation>
    </message>
</context>
<context>
    <name>PartnerService</name>
    <message>
        <location filename="../core/services/partner_service.cpp" line="+139"/>
        <source>The partner has no name. Type the name and save again.</source>
        <translation>The partner has no name. Type the name and save again.</translation>
    </message>
    <message>
        <location filename="../core/services/service_errors.cpp" line="+34"/>
        <source>The partner was not found. It may have been erased: reopen the partners register.</source>
        <translation>The partner was not found. It may have been erased: reopen the partners register.</translation>
    </message>
</context>
<context>
    <name>Period</name>
    <message>
        <location filename="../core/domain/types.cpp" line="+20"/>
        <source>Four-month period %1 of %2</source>
        <extracomment>A four-month reporting period: %1 is 1, 2 or 3, %2 the year (pt-BR: &quot;1º quadrimestre de 2026&quot;)</extracomment>
        <translation>Four-month period %1 of %2</translation>
    </message>
</context>
<context>
    <name>PhotoPipeline</name>
    <message>
        <location filename="../core/photos/photo_pipeline.cpp" line="+43"/>
        <source>The import of &quot;%1&quot; was cancelled. Add the photo again if you still want it.</source>
        <translation>The import of &quot;%1&quot; was cancelled. Add the photo again if you still want it.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The photo &quot;%1&quot; is damaged or incomplete (it may have been cut off while being copied or downloaded). Copy it again from the camera or phone, check that it opens in an image viewer, then add it again.</source>
        <translation>The photo &quot;%1&quot; is damaged or incomplete (it may have been cut off while being copied or downloaded). Copy it again from the camera or phone, check that it opens in an image viewer, then add it again.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The file &quot;%1&quot; could not be read (%2). Check that it still exists and that you are allowed to open it, then try again.</source>
        <translation>The file &quot;%1&quot; could not be read (%2). Check that it still exists and that you are allowed to open it, then try again.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The file &quot;%1&quot; is too large (%2 MB; the limit is %3 MB). Send the photo from the phone at a smaller size, or save a copy as JPEG, then add it again.</source>
        <translation>The file &quot;%1&quot; is too large (%2 MB; the limit is %3 MB). Send the photo from the phone at a smaller size, or save a copy as JPEG, then add it again.</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>The file &quot;%1&quot; was not found. Check that it was not moved, renamed or deleted, then add it again.</source>
        <translation>The file &quot;%1&quot; was not found. Check that it was not moved, renamed or deleted, then add it again.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it is a folder, not a file</source>
        <translation>it is a folder, not a file</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The file &quot;%1&quot; is empty (0 bytes): the photo was not copied. Copy it again from the camera or phone, then add it again.</source>
        <translation>The file &quot;%1&quot; is empty (0 bytes): the photo was not copied. Copy it again from the camera or phone, then add it again.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The photo &quot;%1&quot; is in HEIC/HEIF or AVIF format, which this program cannot read. Convert it to JPEG and add it again: on the iPhone, share the photo and choose to save or send it as JPEG (and, for the next photos, set Settings &gt; Camera &gt; Formats &gt; &quot;Most Compatible&quot;); on the computer, open the photo and save a copy as JPEG.</source>
        <translation>The photo &quot;%1&quot; is in HEIC/HEIF or AVIF format, which this program cannot read. Convert it to JPEG and add it again: on the iPhone, share the photo and choose to save or send it as JPEG (and, for the next photos, set Settings &gt; Camera &gt; Formats &gt; &quot;Most Compatible&quot;); on the computer, open the photo and save a copy as JPEG.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The image &quot;%1&quot; is in a format this program cannot read (such as JPEG XL, JPEG 2000 or Photoshop). Open it in an image program, save a copy as JPEG, then add the copy.</source>
        <translation>The image &quot;%1&quot; is in a format this program cannot read (such as JPEG XL, JPEG 2000 or Photoshop). Open it in an image program, save a copy as JPEG, then add the copy.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file &quot;%1&quot; is not a photo: its content is not an image, whatever its name says. Choose a photo in JPEG or PNG format.</source>
        <translation>The file &quot;%1&quot; is not a photo: its content is not an image, whatever its name says. Choose a photo in JPEG or PNG format.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The image &quot;%1&quot; is too large to process (%2 × %3 pixels). Save a smaller copy as JPEG (for example, at most 8000 pixels on the longest side), then add the copy.</source>
        <translation>The image &quot;%1&quot; is too large to process (%2 × %3 pixels). Save a smaller copy as JPEG (for example, at most 8000 pixels on the longest side), then add the copy.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The image &quot;%1&quot; uses a variant of its format that this program cannot read. Open it in an image program, save a copy as JPEG, then add the copy.</source>
        <translation>The image &quot;%1&quot; uses a variant of its format that this program cannot read. Open it in an image program, save a copy as JPEG, then add the copy.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The photo &quot;%1&quot; could not be converted to JPEG. Open it in an image program, save a copy as JPEG, then add the copy.</source>
        <translation>The photo &quot;%1&quot; could not be converted to JPEG. Open it in an image program, save a copy as JPEG, then add the copy.</translation>
    </message>
</context>
<context>
    <name>ProfileService</name>
    <message>
        <location filename="../core/services/profile_service.cpp" line="+147"/>
        <source>“%1” is not a program. Choose the program from the list.</source>
        <translation>“%1” is not a program. Choose the program from the list.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This profile records “%1” and cannot switch to “%2”: a profile holds one program. To work in “%2”, use a separate data folder (--data-dir).</source>
        <translation>This profile records “%1” and cannot switch to “%2”: a profile holds one program. To work in “%2”, use a separate data folder (--data-dir).</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>This profile is already set up as %1 and cannot become %2. To work as %2, use a separate data folder (--data-dir).</source>
        <translation>This profile is already set up as %1 and cannot become %2. To work as %2, use a separate data folder (--data-dir).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose the regional health unit (URS) from the list.</source>
        <translation>Choose the regional health unit (URS) from the list.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>“%1” is not a state. Choose the state (UF) from the list.</source>
        <translation>“%1” is not a state. Choose the state (UF) from the list.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This profile has no installation id yet. Close Mobiliza and open it again.</source>
        <translation>This profile has no installation id yet. Close Mobiliza and open it again.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&quot;%1&quot; is not a municipality code. Choose the municipality from the list.</source>
        <translation>&quot;%1&quot; is not a municipality code. Choose the municipality from the list.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This profile records “%1”, whose reports are made by %2, not by a municipality. Use a separate data folder (--data-dir).</source>
        <translation>This profile records “%1”, whose reports are made by %2, not by a municipality. Use a separate data folder (--data-dir).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This profile is set up as %1: it does not record a municipality&apos;s reports. Use a separate data folder (--data-dir).</source>
        <translation>This profile is set up as %1: it does not record a municipality&apos;s reports. Use a separate data folder (--data-dir).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This profile already belongs to the municipality %1 and cannot be moved to %2. To record another municipality&apos;s data, create a separate profile.</source>
        <translation>This profile already belongs to the municipality %1 and cannot be moved to %2. To record another municipality&apos;s data, create a separate profile.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The setting &quot;%1&quot; cannot be changed here.</source>
        <translation>The setting &quot;%1&quot; cannot be changed here.</translation>
    </message>
</context>
<context>
    <name>ProfileSetup</name>
    <message>
        <location filename="../app/ui/profile_setup.cpp" line="+73"/>
        <source>&quot;%1&quot; is not the IBGE code of a Brazilian municipality. Check the 7-digit code.</source>
        <translation>&quot;%1&quot; is not the IBGE code of a Brazilian municipality. Check the 7-digit code.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;%1&quot; is not the IBGE code of a municipality of Minas Gerais. Check the 7-digit code (for example 3106200 for Belo Horizonte).</source>
        <translation>&quot;%1&quot; is not the IBGE code of a municipality of Minas Gerais. Check the 7-digit code (for example 3106200 for Belo Horizonte).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&quot;%1&quot; is not a regional health unit (URS) of Minas Gerais. Use one of: %2.</source>
        <translation>&quot;%1&quot; is not a regional health unit (URS) of Minas Gerais. Use one of: %2.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&quot;%1&quot; is not a Brazilian state: use its two letters, one of %2.</source>
        <translation>&quot;%1&quot; is not a Brazilian state: use its two letters, one of %2.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&quot;%1&quot; is not a four-month period: this profile&apos;s program reports by quadrimestre; write it as YYYY-Qn (n = 1, 2 or 3), e.g. 2026-Q2 for May to August.</source>
        <translation>&quot;%1&quot; is not a four-month period: this profile&apos;s program reports by quadrimestre; write it as YYYY-Qn (n = 1, 2 or 3), e.g. 2026-Q2 for May to August.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;%1&quot; is not a month: use YYYY-MM, e.g. 2026-10.</source>
        <translation>&quot;%1&quot; is not a month: use YYYY-MM, e.g. 2026-10.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>This profile records a program (&quot;%1&quot;) that this version of Mobiliza does not know. Install the newest version of Mobiliza.</source>
        <translation>This profile records a program (&quot;%1&quot;) that this version of Mobiliza does not know. Install the newest version of Mobiliza.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&quot;%1&quot; is not a level of “%2”: use one of %3.</source>
        <translation>&quot;%1&quot; is not a level of “%2”: use one of %3.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 is not used by the level “%2” of “%3”%4.</source>
        <translation>%1 is not used by the level “%2” of “%3”%4.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, which is set up with %1</source>
        <translation>, which is set up with %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>--role %1 needs %2 the first time.</source>
        <translation>--role %1 needs %2 the first time.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The program chosen is not known to this version of Mobiliza, or is not the one named with --program.</source>
        <translation>The program chosen is not known to this version of Mobiliza, or is not the one named with --program.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This profile is not set up yet. Run once with --role municipality --municipality IBGE (the 7-digit IBGE code) or --role urs --urs NAME; for the CONASEMS–COSEMS apoio program, with --program apoio_cosems --role apoiador|cosems|conasems --uf XX; or start Mobiliza without headless options to choose.</source>
        <translation>This profile is not set up yet. Run once with --role municipality --municipality IBGE (the 7-digit IBGE code) or --role urs --urs NAME; for the CONASEMS–COSEMS apoio program, with --program apoio_cosems --role apoiador|cosems|conasems --uf XX; or start Mobiliza without headless options to choose.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The program chosen is not known to this version of Mobiliza.</source>
        <translation>The program chosen is not known to this version of Mobiliza.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Nothing was set up: Mobiliza needs to know what this installation is in “%1” (an apoiador, a COSEMS or CONASEMS) and, for the first two, which state. Open it again to choose; nothing was lost.</source>
        <translation>Nothing was set up: Mobiliza needs to know what this installation is in “%1” (an apoiador, a COSEMS or CONASEMS) and, for the first two, which state. Open it again to choose; nothing was lost.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing was set up: Mobiliza keeps the reports of one municipality (or the work of a URS) and needs to know which. Open it again to choose; nothing was lost.</source>
        <translation>Nothing was set up: Mobiliza keeps the reports of one municipality (or the work of a URS) and needs to know which. Open it again to choose; nothing was lost.</translation>
    </message>
</context>
<context>
    <name>ProgramDefinition</name>
    <message>
        <location filename="../core/program/program_definition.cpp" line="+34"/>
        <source>Could not read the program definition “%1”: %2. Check that the file exists and can be read.</source>
        <translation>Could not read the program definition “%1”: %2. Check that the file exists and can be read.</translation>
    </message>
    <message>
        <location line="+224"/>
        <source>A municipal health secretariat (records and sends its monthly reports)</source>
        <translation>A municipal health secretariat (records and sends its monthly reports)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A regional health unit — URS (reviews its municipalities&apos; reports)</source>
        <translation>A regional health unit — URS (reviews its municipalities&apos; reports)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The central level of SES-MG (consolidates the state&apos;s reports)</source>
        <translation>The central level of SES-MG (consolidates the state&apos;s reports)</translation>
    </message>
    <message>
        <location filename="../core/program/program_loader.cpp" line="+85"/>
        <source>text</source>
        <translation>text</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a whole number</source>
        <translation>a whole number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a number</source>
        <translation>a number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>true or false</source>
        <translation>true or false</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a list</source>
        <translation>a list</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an object</source>
        <translation>an object</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+75"/>
        <location line="+329"/>
        <location filename="../core/program/program_rules_loader.cpp" line="+232"/>
        <source>%1: the name “%2” is not valid. Use lower-case letters, digits and underscores, starting with a letter.</source>
        <translation>%1: the name “%2” is not valid. Use lower-case letters, digits and underscores, starting with a letter.</translation>
    </message>
    <message>
        <location line="-397"/>
        <location line="+17"/>
        <location line="+181"/>
        <location filename="../core/program/program_loader_p.h" line="+91"/>
        <location filename="../core/program/program_rules_loader.cpp" line="-214"/>
        <location line="+99"/>
        <location line="+5"/>
        <source>%1: “%2” has the wrong type; it must be %3.</source>
        <translation>%1: “%2” has the wrong type; it must be %3.</translation>
    </message>
    <message>
        <location line="-191"/>
        <source>The catalogue “%1” is empty. Add at least one entry.</source>
        <translation>The catalogue “%1” is empty. Add at least one entry.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The catalogue “%1” has the code “%2” more than once. Each entry needs its own code.</source>
        <translation>The catalogue “%1” has the code “%2” more than once. Each entry needs its own code.</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>%1: a list field cannot hold another list. Use a field of another type.</source>
        <translation>%1: a list field cannot hold another list. Use a field of another type.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: a field inside the list “%2” cannot have a role. Remove “role”.</source>
        <translation>%1: a field inside the list “%2” cannot have a role. Remove “role”.</translation>
    </message>
    <message>
        <location filename="../core/program/program_list_loader.cpp" line="+19"/>
        <source>%1: the list has no fields in “item”. Add at least one field.</source>
        <translation>%1: the list has no fields in “item”. Add at least one field.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1: “%2” is not available inside a list. Remove it.</source>
        <translation>%1: “%2” is not available inside a list. Remove it.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: a field of type “%2” cannot be inside a list. Use one of: %3.</source>
        <translation>%1: a field of type “%2” cannot be inside a list. Use one of: %3.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: the field id “%2” is used more than once in the list.</source>
        <translation>%1: the field id “%2” is used more than once in the list.</translation>
    </message>
    <message>
        <location filename="../core/program/program_loader.cpp" line="+16"/>
        <source>The program has no fields. Add at least one field.</source>
        <translation>The program has no fields. Add at least one field.</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>The field “%1” has the unknown type “%2”. Use one of: %3.</source>
        <translation>The field “%1” has the unknown type “%2”. Use one of: %3.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+54"/>
        <location line="+28"/>
        <source>%1: “%2” does not apply to fields of type “%3”. Remove it.</source>
        <translation>%1: “%2” does not apply to fields of type “%3”. Remove it.</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>The field “%1” has a minimum (%2) greater than its maximum (%3).</source>
        <translation>The field “%1” has a minimum (%2) greater than its maximum (%3).</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The field “%1” of type “%2” needs a catalogue. Add “catalogue”.</source>
        <translation>The field “%1” of type “%2” needs a catalogue. Add “catalogue”.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The field “%1” refers to the catalogue “%2”, which the program does not define. Add the catalogue or fix the name.</source>
        <translation>The field “%1” refers to the catalogue “%2”, which the program does not define. Add the catalogue or fix the name.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The “other” value “%1” of the field “%2” is not a code of the catalogue “%3”.</source>
        <translation>The “other” value “%1” of the field “%2” is not a code of the catalogue “%3”.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>The field id “%1” is used more than once. Each field needs its own id.</source>
        <translation>The field id “%1” is used more than once. Each field needs its own id.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The field “%1” has the unknown role “%2”. Use one of: %3.</source>
        <translation>The field “%1” has the unknown role “%2”. Use one of: %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The field “%1” cannot have the role “%2”: that role needs a field of type %3.</source>
        <translation>The field “%1” cannot have the role “%2”: that role needs a field of type %3.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The role “%1” is given to more than one field (“%2” and “%3”). Keep it on one field.</source>
        <translation>The role “%1” is given to more than one field (“%2” and “%3”). Keep it on one field.</translation>
    </message>
    <message>
        <location filename="../core/program/program_list_loader.cpp" line="-21"/>
        <location filename="../core/program/program_loader.cpp" line="+21"/>
        <location filename="../core/program/program_rules_loader.cpp" line="+95"/>
        <location line="+104"/>
        <source>%1: must be an object ({…}).</source>
        <translation>%1: must be an object ({…}).</translation>
    </message>
    <message>
        <location filename="../core/program/program_loader.cpp" line="+20"/>
        <source>%1: the program names no level “%2”.</source>
        <translation>%1: the program names no level “%2”.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1: there is no field “%2”.</source>
        <translation>%1: there is no field “%2”.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: there is no catalogue “%2”.</source>
        <translation>%1: there is no catalogue “%2”.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: there is no code “%2”.</source>
        <translation>%1: there is no code “%2”.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The program definition is not valid JSON (%1 at position %2). Fix the file or ask for a corrected program definition.</source>
        <translation>The program definition is not valid JSON (%1 at position %2). Fix the file or ask for a corrected program definition.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The program definition must be a JSON object. Fix the file or ask for a corrected program definition.</source>
        <translation>The program definition must be a JSON object. Fix the file or ask for a corrected program definition.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The program definition uses format version %1, but this version of Mobiliza reads only up to version %2. Update Mobiliza.</source>
        <translation>The program definition uses format version %1, but this version of Mobiliza reads only up to version %2. Update Mobiliza.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The program definition is not valid. Fix these problems:</source>
        <translation>The program definition is not valid. Fix these problems:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The program definition “%1” is not valid. Fix these problems:</source>
        <translation>The program definition “%1” is not valid. Fix these problems:</translation>
    </message>
    <message>
        <location filename="../core/program/program_loader_p.h" line="-52"/>
        <source>program</source>
        <translation>program</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: unknown key “%2”. Remove it or check its spelling.</source>
        <translation>%1: unknown key “%2”. Remove it or check its spelling.</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+39"/>
        <source>%1: the required key “%2” is missing.</source>
        <translation>%1: the required key “%2” is missing.</translation>
    </message>
    <message>
        <location line="+13"/>
        <location filename="../core/program/program_rules_loader.cpp" line="-152"/>
        <source>%1: “%2” must be between %3 and %4.</source>
        <translation>%1: “%2” must be between %3 and %4.</translation>
    </message>
    <message>
        <location line="+19"/>
        <location filename="../core/program/program_rules_loader.cpp" line="-131"/>
        <source>%1: “%2” has the invalid value “%3”. Use one of: %4.</source>
        <translation>%1: “%2” has the invalid value “%3”. Use one of: %4.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1: the field “%2” does not exist or is not of type %3. Add the field or fix the reference.</source>
        <translation>%1: the field “%2” does not exist or is not of type %3. Add the field or fix the reference.</translation>
    </message>
    <message>
        <location filename="../core/program/program_rules_loader.cpp" line="+22"/>
        <source>%1: “parts” needs at least two fields.</source>
        <translation>%1: “parts” needs at least two fields.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: the field “%2” appears twice in the sum.</source>
        <translation>%1: the field “%2” appears twice in the sum.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1: this rule needs the national table. Add &quot;territory&quot;: &quot;national&quot; or remove the rule.</source>
        <translation>%1: this rule needs the national table. Add &quot;territory&quot;: &quot;national&quot; or remove the rule.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1: give exactly one condition among %2.</source>
        <translation>%1: give exactly one condition among %2.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1: the field “%2” is compared with “%3”, which is not a code of the catalogue “%4”.</source>
        <translation>%1: the field “%2” is compared with “%3”, which is not a code of the catalogue “%4”.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>%1: “%2” is not a level. Use one of: %3.</source>
        <translation>%1: “%2” is not a level. Use one of: %3.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1: the level “%2” cannot be set up with “%3”. Use one of: %4.</source>
        <translation>%1: the level “%2” cannot be set up with “%3”. Use one of: %4.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1: the key “%2” names another level too. Each level needs its own key.</source>
        <translation>%1: the key “%2” names another level too. Each level needs its own key.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>levels.municipality: the program reports by “%1” but its reporting level is set up with “%2”. Make them agree.</source>
        <translation>levels.municipality: the program reports by “%1” but its reporting level is set up with “%2”. Make them agree.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1: the field “%2” is there more than once. Name each field once.</source>
        <translation>%1: the field “%2” is there more than once. Name each field once.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1: “%2” is not a code of the catalogue “%3”.</source>
        <translation>%1: “%2” is not a code of the catalogue “%3”.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: the shares add up to %2; they must add up to 100.</source>
        <translation>%1: the shares add up to %2; they must add up to 100.</translation>
    </message>
</context>
<context>
    <name>ProgramPanel</name>
    <message>
        <location filename="../core/panel/program_panel.cpp" line="+104"/>
        <location filename="../core/panel/text_search.cpp" line="+43"/>
        <source>Choose a first and a last period of the program, the first not after the last.</source>
        <translation>Choose a first and a last period of the program, the first not after the last.</translation>
    </message>
</context>
<context>
    <name>ProgramPanelExport</name>
    <message>
        <location filename="../core/panel/program_panel_export.cpp" line="+23"/>
        <location line="+79"/>
        <source>Not said</source>
        <translation>Not said</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>Painel</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Figure</source>
        <translation>Figure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share (%)</source>
        <translation>Share (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference (%)</source>
        <translation>Reference (%)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Brazil</source>
        <translation>Brazil</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 to %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Participants</source>
        <translation>Participants</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reports counted</source>
        <translation>Reports counted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reporting units with reports</source>
        <translation>Reporting units with reports</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reports whose content has not arrived</source>
        <translation>Reports whose content has not arrived</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Municipalities supported</source>
        <translation>Municipalities supported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>of %1</source>
        <translation>of %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Actions naming no municipality</source>
        <translation>Actions naming no municipality</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Actions in the period</source>
        <translation>Actions in the period</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 against the reference</source>
        <translation>%1 against the reference</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Actions by state</source>
        <translation>Actions by state</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Participants by role</source>
        <translation>Participants by role</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not broken down</source>
        <translation>Not broken down</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <location line="+2"/>
        <source>Follow-ups</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Open, within the date</source>
        <translation>Open, within the date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Late (not done, date passed)</source>
        <translation>Late (not done, date passed)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Municipality supported</source>
        <translation>Municipality supported</translation>
    </message>
</context>
<context>
    <name>Protocol</name>
    <message>
        <location filename="../sync/protocol_wire.cpp" line="+12"/>
        <source>The server&apos;s answer is not what Mobiliza expects (%1). It may not be the hub of your URS, or a network login page is in the way.</source>
        <translation>The server&apos;s answer is not what Mobiliza expects (%1). It may not be the hub of your URS, or a network login page is in the way.</translation>
    </message>
    <message>
        <location filename="../sync/protocol.cpp" line="+313"/>
        <source>The hub speaks protocol version %1 and this Mobiliza speaks version %2. Update Mobiliza (or ask the URS to update the hub).</source>
        <translation>The hub speaks protocol version %1 and this Mobiliza speaks version %2. Update Mobiliza (or ask the URS to update the hub).</translation>
    </message>
    <message>
        <location filename="../sync/protocol_review.cpp" line="+24"/>
        <source>The review decision is not valid (%1). Update Mobiliza and send it again.</source>
        <translation>The review decision is not valid (%1). Update Mobiliza and send it again.</translation>
    </message>
    <message>
        <location line="+182"/>
        <source>new</source>
        <translation>new</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>in review</source>
        <translation>in review</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>accepted</source>
        <translation>accepted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>returned</source>
        <translation>returned</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>forwarded to the central level</source>
        <translation>forwarded to the central level</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>consolidated</source>
        <translation>consolidated</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>returned to the URS by the central level</source>
        <translation>returned to the URS by the central level</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 already decided on this revision (now: %2). Your decision was not applied; open the report again.</source>
        <translation>%1 already decided on this revision (now: %2). Your decision was not applied; open the report again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A newer revision (%1) of this report arrived. Your decision was not applied; review the newer revision.</source>
        <translation>A newer revision (%1) of this report arrived. Your decision was not applied; review the newer revision.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This revision changed since you opened it (now: %1). Your decision was not applied; open the report again.</source>
        <translation>This revision changed since you opened it (now: %1). Your decision was not applied; open the report again.</translation>
    </message>
    <message>
        <location filename="../sync/protocol_batch.cpp" line="+25"/>
        <source>The batch is not valid (%1). Update Mobiliza and send it again.</source>
        <translation>The batch is not valid (%1). Update Mobiliza and send it again.</translation>
    </message>
</context>
<context>
    <name>ReferenceData</name>
    <message>
        <location filename="../core/reference/reference_data.cpp" line="+51"/>
        <source>The reference file is incomplete or damaged: %1. Ask SES-MG for a new copy of the file and import it again.</source>
        <translation>The reference file is incomplete or damaged: %1. Ask SES-MG for a new copy of the file and import it again.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the list &quot;%1&quot; is missing or empty</source>
        <translation>the list &quot;%1&quot; is missing or empty</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>entry %1 of &quot;%2&quot; has no code or name</source>
        <translation>entry %1 of &quot;%2&quot; has no code or name</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the code %1 appears twice in &quot;%2&quot;</source>
        <translation>the code %1 appears twice in &quot;%2&quot;</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>The reference file could not be read (%1). Use the file exactly as published by SES-MG, without editing it.</source>
        <translation>The reference file could not be read (%1). Use the file exactly as published by SES-MG, without editing it.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it is not a JSON object</source>
        <translation>it is not a JSON object</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The reference file uses format %1, which this version of Mobiliza cannot read. Update Mobiliza or ask SES-MG for a file in format %2.</source>
        <translation>The reference file uses format %1, which this version of Mobiliza cannot read. Update Mobiliza or ask SES-MG for a file in format %2.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the version, revision or publication date is missing</source>
        <translation>the version, revision or publication date is missing</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>the coverage target of URS %1 is not a share between 0 and 1</source>
        <translation>the coverage target of URS %1 is not a share between 0 and 1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>the região de saúde %1 refers to an unknown URS or macrorregião</source>
        <translation>the região de saúde %1 refers to an unknown URS or macrorregião</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>the IBGE code &quot;%1&quot; does not have 7 digits</source>
        <translation>the IBGE code &quot;%1&quot; does not have 7 digits</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the municipality %1 refers to an unknown URS, região de saúde or macrorregião</source>
        <translation>the municipality %1 refers to an unknown URS, região de saúde or macrorregião</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>the catalogue &quot;%1&quot; is empty or has an entry without code or label</source>
        <translation>the catalogue &quot;%1&quot; is empty or has an entry without code or label</translation>
    </message>
</context>
<context>
    <name>ReferenceRepository</name>
    <message>
        <location filename="../core/reference/reference_repository.cpp" line="+77"/>
        <source>Could not open %1 (%2). Check that the file exists and that you are allowed to read it.</source>
        <translation>Could not open %1 (%2). Check that the file exists and that you are allowed to read it.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is too large to be a reference table. Choose the mg_reference.json file published by SES-MG.</source>
        <translation>%1 is too large to be a reference table. Choose the mg_reference.json file published by SES-MG.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This reference table (version %1) is not newer than the one in use (version %2). Nothing was changed; import only a table published after the current one.</source>
        <translation>This reference table (version %1) is not newer than the one in use (version %2). Nothing was changed; import only a table published after the current one.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not save the reference table in %1 (%2). Check the free disk space and the folder permissions, then try again.</source>
        <translation>Could not save the reference table in %1 (%2). Check the free disk space and the folder permissions, then try again.</translation>
    </message>
</context>
<context>
    <name>RegionPartners</name>
    <message>
        <location filename="../core/regional/region_partners.cpp" line="+358"/>
        <source>No partners</source>
        <translation>No partners</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n partner(s)</source>
        <translation>
            <numerusform>%n partner(s)</numerusform>
            <numerusform>%n partner(s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 in %n municipality(ies)</source>
        <translation>
            <numerusform>%1 in %n municipality(ies)</numerusform>
            <numerusform>%1 in %n municipality(ies)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RegionalCommands</name>
    <message>
        <location filename="../app/ui/regional/regional_commands.cpp" line="+31"/>
        <source>This installation is not connected to a hub yet. Connect it with --hub URL --enroll CODE (the code comes from the hub&apos;s administrator).</source>
        <translation>This installation is not connected to a hub yet. Connect it with --hub URL --enroll CODE (the code comes from the hub&apos;s administrator).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Decisions sent: %1 (refused: %2). Revisions received: %3; reports: %4; photos: %5.</source>
        <translation>Decisions sent: %1 (refused: %2). Revisions received: %3; reports: %4; photos: %5.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Packages sent to the hub: %1. Batches forwarded: %2. Refused by the hub: %3.</source>
        <translation>Packages sent to the hub: %1. Batches forwarded: %2. Refused by the hub: %3.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The local copy is up to date.</source>
        <translation>The local copy is up to date.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The local copy is not complete yet.</source>
        <translation>The local copy is not complete yet.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No report %1 in this installation&apos;s copy. Run --pull first, and check the identifier (--status lists them).</source>
        <translation>No report %1 in this installation&apos;s copy. Run --pull first, and check the identifier (--status lists them).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Consolidated the report of %1 (revision %2). It goes to the hub at the next synchronization (--pull).</source>
        <translation>Consolidated the report of %1 (revision %2). It goes to the hub at the next synchronization (--pull).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Returned the report of %1 (revision %2) to its URS. It goes to the hub at the next synchronization (--pull).</source>
        <translation>Returned the report of %1 (revision %2) to its URS. It goes to the hub at the next synchronization (--pull).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Accepted the report of %1 (revision %2). It goes to the hub at the next synchronization (--pull).</source>
        <translation>Accepted the report of %1 (revision %2). It goes to the hub at the next synchronization (--pull).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Returned the report of %1 (revision %2) for correction. It goes to the hub at the next synchronization (--pull).</source>
        <translation>Returned the report of %1 (revision %2) for correction. It goes to the hub at the next synchronization (--pull).</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>There is no package file (.mobiliza) in %1.</source>
        <translation>There is no package file (.mobiliza) in %1.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>the report of %1 for %2, revision %3, was already here: nothing changed.</source>
        <translation>the report of %1 for %2, revision %3, was already here: nothing changed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>received the report of %1 for %2, revision %3; it goes to the hub at the next synchronization (--pull).</source>
        <translation>received the report of %1 for %2, revision %3; it goes to the hub at the next synchronization (--pull).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Only a URS forwards batches to the central level.</source>
        <translation>Only a URS forwards batches to the central level.</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Batch %1: %n report(s) of %2 written to %3. Take the file to the central level; it is verified there like a report package.</source>
        <translation>
            <numerusform>Batch %1: %n report(s) of %2 written to %3. Take the file to the central level; it is verified there like a report package.</numerusform>
            <numerusform>Batch %1: %n report(s) of %2 written to %3. Take the file to the central level; it is verified there like a report package.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Batch %1: %n report(s) of %2 to forward.</source>
        <translation>
            <numerusform>Batch %1: %n report(s) of %2 to forward.</numerusform>
            <numerusform>Batch %1: %n report(s) of %2 to forward.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The hub received batch %1 (%2) on %3: forwarded to the central level.</source>
        <translation>The hub received batch %1 (%2) on %3: forwarded to the central level.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Batch %1 is waiting to be sent: it goes at the next synchronization.</source>
        <translation>Batch %1 is waiting to be sent: it goes at the next synchronization.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>batch %1 of %2 was already recorded as received (%3, %4): nothing changed.</source>
        <translation>batch %1 of %2 was already recorded as received (%3, %4): nothing changed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>batch %1 of %2 recorded as received by the central level (%3, %4).</source>
        <translation>batch %1 of %2 recorded as received by the central level (%3, %4).</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Only the central level imports batch files of the URS. A URS imports its municipalities&apos; report packages with --import-package.</source>
        <translation>Only the central level imports batch files of the URS. A URS imports its municipalities&apos; report packages with --import-package.</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>batch %1 of the URS %2 (%3, %n report(s)) was already here: nothing changed.</source>
        <translation>
            <numerusform>batch %1 of the URS %2 (%3, %n report(s)) was already here: nothing changed.</numerusform>
            <numerusform>batch %1 of the URS %2 (%3, %n report(s)) was already here: nothing changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>batch %1 of the URS %2 (%3): %n report(s) taken in, %4 of them new here.</source>
        <translation>
            <numerusform>batch %1 of the URS %2 (%3): %n report(s) taken in, %4 of them new here.</numerusform>
            <numerusform>batch %1 of the URS %2 (%3): %n report(s) taken in, %4 of them new here.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>What was taken in is kept and goes to the hub at the next synchronization; run this command again then to write the receipts.</source>
        <translation>What was taken in is kept and goes to the hub at the next synchronization; run this command again then to write the receipts.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>the hub received batch %1 (%2) on %3. The receipt for the URS is in %4: take it back to the URS, which records it with --import-receipt.</source>
        <translation>the hub received batch %1 (%2) on %3. The receipt for the URS is in %4: take it back to the URS, which records it with --import-receipt.</translation>
    </message>
    <message numerus="yes">
        <location line="+50"/>
        <source>%n partner(s) of the region written to %1, without personal contacts.</source>
        <translation>
            <numerusform>%n partner(s) of the region written to %1, without personal contacts.</numerusform>
            <numerusform>%n partner(s) of the region written to %1, without personal contacts.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-339"/>
        <source>Coverage is for a URS profile: this one has no URS.</source>
        <translation>Coverage is for a URS profile: this one has no URS.</translation>
    </message>
</context>
<context>
    <name>RegionalInbox</name>
    <message>
        <location filename="../core/regional/review_outbox.cpp" line="+86"/>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In review</source>
        <translation>In review</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forwarded</source>
        <translation>Forwarded</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Consolidated</source>
        <translation>Consolidated</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned by the central level</source>
        <translation>Returned by the central level</translation>
    </message>
    <message>
        <location filename="../app/ui/regional/regional_format.cpp" line="+62"/>
        <source>report package (imported)</source>
        <translation>report package (imported)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sent through the hub</source>
        <translation>sent through the hub</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Central level</source>
        <translation>Central level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URS %1</source>
        <translation>URS %1</translation>
    </message>
</context>
<context>
    <name>RegionalPages</name>
    <message>
        <location filename="../app/ui/regional/regional_pages.cpp" line="-19"/>
        <source>Forwarded</source>
        <translation>Forwarded</translation>
    </message>
    <message>
        <location line="-33"/>
        <location line="+34"/>
        <source>Inbox</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <location line="-31"/>
        <location line="+33"/>
        <source>Coverage</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Batches</source>
        <translation>Batches</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Partners of the state</source>
        <translation>Partners of the state</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partners of the region</source>
        <translation>Partners of the region</translation>
    </message>
</context>
<context>
    <name>RegionalReportText</name>
    <message numerus="yes">
        <location filename="../app/ui/regional/report_text.cpp" line="+55"/>
        <source>%n partner(s) of the municipality&apos;s register</source>
        <translation>
            <numerusform>%n partner(s) of the municipality&apos;s register</numerusform>
            <numerusform>%n partner(s) of the municipality&apos;s register</numerusform>
        </translation>
    </message>
    <message>
        <location line="+50"/>
        <location line="+109"/>
        <source>No actions in the month</source>
        <translation>No actions in the month</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>No actions in the period</source>
        <translation>No actions in the period</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The municipality reported no %1 in this month.</source>
        <translation>The municipality reported no %1 in this month.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The apoiador reported no %1 in this period.</source>
        <translation>The apoiador reported no %1 in this period.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Justification</source>
        <translation>Justification</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No action recorded in this month.</source>
        <translation>No action recorded in this month.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No action recorded in this period.</source>
        <translation>No action recorded in this period.</translation>
    </message>
    <message>
        <location line="+38"/>
        <location line="+19"/>
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Totals of the month</source>
        <translation>Totals of the month</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>People reached</source>
        <translation>People reached</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>What changed since revision %1</source>
        <translation>What changed since revision %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing in the actions, fields or photos changed: only the report was sent again.</source>
        <translation>Nothing in the actions, fields or photos changed: only the report was sent again.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Revision %1</source>
        <translation>Revision %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+1"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>added, with %n photo(s)</source>
        <translation>
            <numerusform>added, with %n photo(s)</numerusform>
            <numerusform>added, with %n photo(s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n photo(s)</numerusform>
            <numerusform>%n photo(s)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>removed</source>
        <translation>removed</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>partners</source>
        <translation>partners</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>photos</source>
        <translation>photos</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n removed</source>
        <translation>
            <numerusform>%n removed</numerusform>
            <numerusform>%n removed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n added</source>
        <translation>
            <numerusform>%n added</numerusform>
            <numerusform>%n added</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RegionalSteps</name>
    <message>
        <location filename="../sync/client/regional_steps.cpp" line="+87"/>
        <source>Sending review decisions</source>
        <translation>Sending review decisions</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Sending the packages received here</source>
        <translation>Sending the packages received here</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Forwarding batches to the central level</source>
        <translation>Forwarding batches to the central level</translation>
    </message>
    <message>
        <location line="+292"/>
        <source>Receiving the apoiadores&apos; reports</source>
        <translation>Receiving the apoiadores&apos; reports</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receiving the municipalities&apos; reports</source>
        <translation>Receiving the municipalities&apos; reports</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Receiving the photos of the reports opened</source>
        <translation>Receiving the photos of the reports opened</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receiving the photos of %1</source>
        <translation>Receiving the photos of %1</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Receiving the list of apoiadores</source>
        <translation>Receiving the list of apoiadores</translation>
    </message>
    <message>
        <location filename="../sync/client/regional_manifest_step.cpp" line="+17"/>
        <source>The hub sent a report that does not match its checksum; it was not kept and is asked for again at the next synchronization.</source>
        <translation>The hub sent a report that does not match its checksum; it was not kept and is asked for again at the next synchronization.</translation>
    </message>
    <message>
        <location filename="../sync/client/regional_steps.cpp" line="-30"/>
        <location line="+9"/>
        <source>A photo received from the hub did not match its checksum; it was not kept.</source>
        <translation>A photo received from the hub did not match its checksum; it was not kept.</translation>
    </message>
    <message>
        <location filename="../sync/client/regional_history_step.cpp" line="+43"/>
        <source>Receiving the history of the reports</source>
        <translation>Receiving the history of the reports</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The hub sent a report history that could not be read; it is asked for again at the next synchronization.</source>
        <translation>The hub sent a report history that could not be read; it is asked for again at the next synchronization.</translation>
    </message>
    <message>
        <location filename="../sync/client/regional_partners_step.cpp" line="+37"/>
        <source>Receiving the partners of the municipalities</source>
        <translation>Receiving the partners of the municipalities</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n partner(s) sent by the hub could not be read and are not in Partners of the region (this Mobiliza may be older than the hub). Update Mobiliza on this computer, and tell the hub&apos;s administrator if it happens again.</source>
        <translation>
            <numerusform>%n partner(s) sent by the hub could not be read and are not in Partners of the region (this Mobiliza may be older than the hub). Update Mobiliza on this computer, and tell the hub&apos;s administrator if it happens again.</numerusform>
            <numerusform>%n partner(s) sent by the hub could not be read and are not in Partners of the region (this Mobiliza may be older than the hub). Update Mobiliza on this computer, and tell the hub&apos;s administrator if it happens again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReplicaService</name>
    <message>
        <location filename="../core/regional/replica_service.cpp" line="+82"/>
        <source>The hub sent a report (%1, revision %2) that does not match what it listed (%3). Nothing was stored; the next synchronization asks again. If this repeats, tell the hub&apos;s administrator.</source>
        <translation>The hub sent a report (%1, revision %2) that does not match what it listed (%3). Nothing was stored; the next synchronization asks again. If this repeats, tell the hub&apos;s administrator.</translation>
    </message>
    <message>
        <location line="+242"/>
        <source>not listed</source>
        <translation>not listed</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>another checksum</source>
        <translation>another checksum</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>another report</source>
        <translation>another report</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>This report has not been downloaded from the hub yet. Synchronize when there is a connection, then open it again.</source>
        <translation>This report has not been downloaded from the hub yet. Synchronize when there is a connection, then open it again.</translation>
    </message>
</context>
<context>
    <name>ReportOutputs</name>
    <message>
        <location filename="../core/outputs/output_format.cpp" line="+235"/>
        <source>The folder of %1 does not exist. Choose another folder and export again.</source>
        <translation>The folder of %1 does not exist. Choose another folder and export again.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The disk is full: %1 could not be written, and no file was left under that name. Free some space on the disk (or choose another disk, such as a USB drive), then export again.</source>
        <translation>The disk is full: %1 could not be written, and no file was left under that name. Free some space on the disk (or choose another disk, such as a USB drive), then export again.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not write %1 (%2). Check that you may write to this folder and that the disk is not full, or choose another folder, then export again.</source>
        <translation>Could not write %1 (%2). Check that you may write to this folder and that the disk is not full, or choose another folder, then export again.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The export was cancelled. No file was written.</source>
        <translation>The export was cancelled. No file was written.</translation>
    </message>
    <message>
        <location filename="../core/outputs/report_pdf.cpp" line="+92"/>
        <source>Photo %1 of action %2 (&quot;%3&quot;) is missing from the photo folder (%4). Open the report, remove that photo and attach it again, then export again.</source>
        <translation>Photo %1 of action %2 (&quot;%3&quot;) is missing from the photo folder (%4). Open the report, remove that photo and attach it again, then export again.</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>Photo %1 of action %2 (&quot;%3&quot;) could not be read (%4). Open the report, remove that photo and attach it again, then export again.</source>
        <translation>Photo %1 of action %2 (&quot;%3&quot;) could not be read (%4). Open the report, remove that photo and attach it again, then export again.</translation>
    </message>
    <message>
        <location line="+76"/>
        <location filename="../core/panel/balanco_pdf.cpp" line="+410"/>
        <source>The PDF needs the graphical part of the application (fonts). Run it with the &quot;offscreen&quot; platform (QT_QPA_PLATFORM=offscreen) on a server.</source>
        <translation>The PDF needs the graphical part of the application (fonts). Run it with the &quot;offscreen&quot; platform (QT_QPA_PLATFORM=offscreen) on a server.</translation>
    </message>
    <message>
        <location filename="../core/outputs/report_preview.cpp" line="+90"/>
        <source>There is not enough memory to draw the pages of the report. Close other programs and try again.</source>
        <translation>There is not enough memory to draw the pages of the report. Close other programs and try again.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The preview has no room to show the pages.</source>
        <translation>The preview has no room to show the pages.</translation>
    </message>
</context>
<context>
    <name>ReportPackage</name>
    <message>
        <location filename="../core/package/package_errors.cpp" line="+11"/>
        <source>This file is not a Mobiliza report package. Choose a file with the .mobiliza extension generated by Mobiliza.</source>
        <translation>This file is not a Mobiliza report package. Choose a file with the .mobiliza extension generated by Mobiliza.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file %1 is empty (0 bytes): the copy or the download did not finish. Copy it again from where it came from, or ask whoever generated it for a new file.</source>
        <translation>The file %1 is empty (0 bytes): the copy or the download did not finish. Copy it again from where it came from, or ask whoever generated it for a new file.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The file is incomplete or has been altered. Ask whoever generated it for a new file.</source>
        <translation>The file is incomplete or has been altered. Ask whoever generated it for a new file.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file is larger than a report package can be and was not imported. Ask whoever generated it for a new file.</source>
        <translation>The file is larger than a report package can be and was not imported. Ask whoever generated it for a new file.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file was generated by a newer version of Mobiliza (package format %1). Update Mobiliza on this computer, then import the file again.</source>
        <translation>The file was generated by a newer version of Mobiliza (package format %1). Update Mobiliza on this computer, then import the file again.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The file %1 could not be read (%2). Check that it exists and that you may open it.</source>
        <translation>The file %1 could not be read (%2). Check that it exists and that you may open it.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The package file %1 could not be written (%2). Check that the folder exists and is writable and that the disk has free space.</source>
        <translation>The package file %1 could not be written (%2). Check that the folder exists and is writable and that the disk has free space.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancelled. Nothing was changed.</source>
        <translation>Cancelled. Nothing was changed.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Revision %1 of the report for %2 has not been concluded. Conclude the report first, then generate the package.</source>
        <translation>Revision %1 of the report for %2 has not been concluded. Conclude the report first, then generate the package.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The concluded revision of the report is damaged in the data folder, so no package was generated. Restore a backup of the data folder or ask for support.</source>
        <translation>The concluded revision of the report is damaged in the data folder, so no package was generated. Restore a backup of the data folder or ask for support.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The package&apos;s report belongs to the program “%1”, which this version of Mobiliza does not know, so it cannot be checked and was not imported. Update Mobiliza, then import it again.</source>
        <translation>The package&apos;s report belongs to the program “%1”, which this version of Mobiliza does not know, so it cannot be checked and was not imported. Update Mobiliza, then import it again.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>… and %1 more.</source>
        <translation>… and %1 more.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The package&apos;s report does not pass the program&apos;s checks (blocking: %1), so nothing was imported. Ask whoever generated it to correct the report, conclude it again and generate a new package:</source>
        <translation>The package&apos;s report does not pass the program&apos;s checks (blocking: %1), so nothing was imported. Ask whoever generated it to correct the report, conclude it again and generate a new package:</translation>
    </message>
    <message>
        <location filename="../core/package/batch_file_reader.cpp" line="+104"/>
        <location filename="../core/package/batch_receipt.cpp" line="+115"/>
        <location filename="../core/package/package_reader.cpp" line="+106"/>
        <source>file not found</source>
        <translation>file not found</translation>
    </message>
    <message>
        <location filename="../core/package/batch_file_writer.cpp" line="+29"/>
        <location filename="../core/package/batch_receipt.cpp" line="-23"/>
        <location filename="../core/package/package_writer.cpp" line="+111"/>
        <source>folder not found</source>
        <translation>folder not found</translation>
    </message>
</context>
<context>
    <name>ReportService</name>
    <message>
        <location filename="../core/services/report_lifecycle.cpp" line="+102"/>
        <source>This report belongs to the program “%1”, which this version of Mobiliza does not know, so it cannot be checked and concluded. Update Mobiliza, then conclude again.</source>
        <translation>This report belongs to the program “%1”, which this version of Mobiliza does not know, so it cannot be checked and concluded. Update Mobiliza, then conclude again.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The report cannot be concluded yet. Fix the problems shown in the list (blocking: %1), then conclude again.</source>
        <translation>The report cannot be concluded yet. Fix the problems shown in the list (blocking: %1), then conclude again.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The file of photo %1 is missing from the data folder. Remove the photo and add it again, then conclude.</source>
        <translation>The file of photo %1 is missing from the data folder. Remove the photo and add it again, then conclude.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>A report is concluded with its validation. Use &quot;Conclude&quot; in the report.</source>
        <translation>A report is concluded with its validation. Use &quot;Conclude&quot; in the report.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The report is being sent and cannot be withdrawn now. Wait until the sending ends and try again.</source>
        <translation>The report is being sent and cannot be withdrawn now. Wait until the sending ends and try again.</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Revision %1 of the report was not found.</source>
        <translation>Revision %1 of the report was not found.</translation>
    </message>
    <message>
        <location filename="../core/services/report_service.cpp" line="+286"/>
        <source>The program or the month of the report is not valid. Choose them again.</source>
        <translation>The program or the month of the report is not valid. Choose them again.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Choose the municipality of this profile before creating reports.</source>
        <translation>Choose the municipality of this profile before creating reports.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>There is already a report for %1. Open it from the list of reports.</source>
        <translation>There is already a report for %1. Open it from the list of reports.</translation>
    </message>
    <message>
        <location filename="../core/services/report_editing.cpp" line="+29"/>
        <source>This item is already in the report, so it cannot be put back. Reopen the report to see its current state.</source>
        <translation>This item is already in the report, so it cannot be put back. Reopen the report to see its current state.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../core/services/report_photos.cpp" line="+24"/>
        <source>The photo file was not stored in the data folder. Import the photo again.</source>
        <translation>The photo file was not stored in the data folder. Import the photo again.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>This photo is already in the action (photo %1). Each photo goes in only once: choose a different one.</source>
        <translation>This photo is already in the action (photo %1). Each photo goes in only once: choose a different one.</translation>
    </message>
    <message>
        <location filename="../core/services/service_errors.cpp" line="-24"/>
        <source>The report was not found. It may have been removed: reopen the list of reports.</source>
        <translation>The report was not found. It may have been removed: reopen the list of reports.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The action was not found. It may have been removed: reopen the report.</source>
        <translation>The action was not found. It may have been removed: reopen the report.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The photo was not found. It may have been removed: reopen the report.</source>
        <translation>The photo was not found. It may have been removed: reopen the report.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This report is &quot;%1&quot; and can no longer be edited. To correct it, withdraw it from the outbox while it has not been sent, or wait until it is returned.</source>
        <translation>This report is &quot;%1&quot; and can no longer be edited. To correct it, withdraw it from the outbox while it has not been sent, or wait until it is returned.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Position %1 does not exist: the list has %2 items.</source>
        <translation>Position %1 does not exist: the list has %2 items.</translation>
    </message>
</context>
<context>
    <name>ReportState</name>
    <message>
        <location filename="../core/domain/report_state.cpp" line="+61"/>
        <source>A report in state &quot;%1&quot; cannot be %2.</source>
        <translation>A report in state &quot;%1&quot; cannot be %2.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready to send</source>
        <translation>Ready to send</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received by the URS</source>
        <translation>Received by the URS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted by the URS</source>
        <translation>Accepted by the URS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned for correction</source>
        <translation>Returned for correction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forwarded to the central level</source>
        <translation>Forwarded to the central level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consolidated</source>
        <translation>Consolidated</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>concluded</source>
        <translation>concluded</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>withdrawn from the outbox</source>
        <translation>withdrawn from the outbox</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sent</source>
        <translation>sent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>put back in the queue</source>
        <translation>put back in the queue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>marked as received</source>
        <translation>marked as received</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accepted</source>
        <translation>accepted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>returned for correction</source>
        <translation>returned for correction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reopened</source>
        <translation>reopened</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>forwarded to the central level</source>
        <translation>forwarded to the central level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>consolidated</source>
        <translation>consolidated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>returned to the URS by the central level</source>
        <translation>returned to the URS by the central level</translation>
    </message>
</context>
<context>
    <name>ReviewOutbox</name>
    <message>
        <location filename="../core/regional/review_outbox.cpp" line="+83"/>
        <source>Write what the municipality must correct: a report is returned only with a comment.</source>
        <translation>Write what the municipality must correct: a report is returned only with a comment.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Write what the regional office (URS) must look at again: a report goes back to the URS only with a comment.</source>
        <translation>Write what the regional office (URS) must look at again: a report goes back to the URS only with a comment.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The comment may have up to %1 characters and up to %2 notes. Shorten it and decide again.</source>
        <translation>The comment may have up to %1 characters and up to %2 notes. Shorten it and decide again.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Each note needs a text of up to %1 characters, and a note on a photo must name its action. Correct the notes and decide again.</source>
        <translation>Each note needs a text of up to %1 characters, and a note on a photo must name its action. Correct the notes and decide again.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>This report is not in the regional inbox. Synchronize and try again.</source>
        <translation>This report is not in the regional inbox. Synchronize and try again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The municipality sent a newer revision (%1) of this report. Review the newest revision instead.</source>
        <translation>The municipality sent a newer revision (%1) of this report. Review the newest revision instead.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A decision on this revision was already made here.</source>
        <translation>A decision on this revision was already made here.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This revision can no longer be reviewed (it is &quot;%1&quot;).</source>
        <translation>This revision can no longer be reviewed (it is &quot;%1&quot;).</translation>
    </message>
</context>
<context>
    <name>RevisionImporter</name>
    <message>
        <location filename="../core/services/revision_importer.cpp" line="+104"/>
        <source>Choose the municipality of this profile before importing reports.</source>
        <translation>Choose the municipality of this profile before importing reports.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This file holds a report of another apoiador (%1), and this installation keeps the reports of %2. Import it in that apoiador&apos;s installation.</source>
        <translation>This file holds a report of another apoiador (%1), and this installation keeps the reports of %2. Import it in that apoiador&apos;s installation.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This file holds a report of another municipality (IBGE %1), and this installation keeps the reports of IBGE %2. Import it in the installation of that municipality.</source>
        <translation>This file holds a report of another municipality (IBGE %1), and this installation keeps the reports of IBGE %2. Import it in the installation of that municipality.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This installation has another report with the same identification as the file. The file was not imported. Ask whoever generated it for a new file.</source>
        <translation>This installation has another report with the same identification as the file. The file was not imported. Ask whoever generated it for a new file.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This installation already has revision %1 of the report for %2, with different content. The file was not imported. Check with whoever generated it which version is the right one.</source>
        <translation>This installation already has revision %1 of the report for %2, with different content. The file was not imported. Check with whoever generated it which version is the right one.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Revision %1 of the report for %2 is being edited in this installation, and the file brings the older revision %3. The file was not imported, so that nothing typed is lost.</source>
        <translation>Revision %1 of the report for %2 is being edited in this installation, and the file brings the older revision %3. The file was not imported, so that nothing typed is lost.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This installation already has revision %1 of the report for %2, and the file brings the older revision %3. The file was not imported.</source>
        <translation>This installation already has revision %1 of the report for %2, and the file brings the older revision %3. The file was not imported.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+24"/>
        <source>The report for %1 is a draft with work typed in this installation. The file was not imported, so that nothing typed is lost. Finish that draft here, or remove its actions first if the file should replace it.</source>
        <translation>The report for %1 is a draft with work typed in this installation. The file was not imported, so that nothing typed is lost. Finish that draft here, or remove its actions first if the file should replace it.</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>The report for %1 is being sent now. Wait until the sending ends, then import the file again.</source>
        <translation>The report for %1 is being sent now. Wait until the sending ends, then import the file again.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Another report for %1 was already concluded in this installation. The file was not imported. Check with whoever generated it which report is the right one.</source>
        <translation>Another report for %1 was already concluded in this installation. The file was not imported. Check with whoever generated it which report is the right one.</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Some photos of the report are not stored in this installation. Import the package file again.</source>
        <translation>Some photos of the report are not stored in this installation. Import the package file again.</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../core/domain/role.cpp" line="+32"/>
        <source>Municipality</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Regional health unit (URS)</source>
        <translation>Regional health unit (URS)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Central level</source>
        <translation>Central level</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../sync/client/sync_controller.cpp" line="+41"/>
        <source>&quot;%1&quot; is a plain http:// address: the enrollment code, the access key and partners&apos; contacts would travel unprotected over the network, so Mobiliza does not use it. Type the https:// address given by the URS, for example https://hub.urs.saude.mg.gov.br.</source>
        <translation>&quot;%1&quot; is a plain http:// address: the enrollment code, the access key and partners&apos; contacts would travel unprotected over the network, so Mobiliza does not use it. Type the https:// address given by the URS, for example https://hub.urs.saude.mg.gov.br.</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Not connected to a hub</source>
        <translation>Not connected to a hub</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Up to date</source>
        <translation>Up to date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking the connection…</source>
        <translation>Checking the connection…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Synchronizing…</source>
        <translation>Synchronizing…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No connection to the hub</source>
        <translation>No connection to the hub</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Needs attention</source>
        <translation>Needs attention</translation>
    </message>
    <message>
        <location filename="../sync/client/sync_controller_enroll.cpp" line="+139"/>
        <source>This code is for %1, but this installation is %2. Ask the hub&apos;s administrator for a code of the right kind.</source>
        <translation>This code is for %1, but this installation is %2. Ask the hub&apos;s administrator for a code of the right kind.</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>a URS (%1)</source>
        <translation>a URS (%1)</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>the coordination of the state %1</source>
        <translation>the coordination of the state %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the central level</source>
        <translation>the central level</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>an apoiador of the state %1</source>
        <translation>an apoiador of the state %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a municipality (IBGE %1)</source>
        <translation>a municipality (IBGE %1)</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>This code is of another program (%1) than this installation&apos;s (%2). Ask the hub&apos;s administrator for a code of your program.</source>
        <translation>This code is of another program (%1) than this installation&apos;s (%2). Ask the hub&apos;s administrator for a code of your program.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>This code was issued for the state %1, but this installation is of %2. Ask the hub&apos;s administrator for a code for %2.</source>
        <translation>This code was issued for the state %1, but this installation is of %2. Ask the hub&apos;s administrator for a code for %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This code was issued for the URS %1, but this installation is the URS %2. Ask the hub&apos;s administrator for a code for %2.</source>
        <translation>This code was issued for the URS %1, but this installation is the URS %2. Ask the hub&apos;s administrator for a code for %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This code was issued for an apoiador of the state %1, but this installation is an apoiador of %2. Ask for a code for %2.</source>
        <translation>This code was issued for an apoiador of the state %1, but this installation is an apoiador of %2. Ask for a code for %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The hub enrolled this code as another apoiador (%1), but this installation is %2. Update Mobiliza, or tell the hub&apos;s administrator.</source>
        <translation>The hub enrolled this code as another apoiador (%1), but this installation is %2. Update Mobiliza, or tell the hub&apos;s administrator.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This code was issued for another municipality (IBGE %1), but this profile belongs to %2. Ask the URS for a code for this municipality.</source>
        <translation>This code was issued for another municipality (IBGE %1), but this profile belongs to %2. Ask the URS for a code for this municipality.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>A connection to the hub is already being made.</source>
        <translation>A connection to the hub is already being made.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a hub address. Type the address the URS gave you, for example https://hub.urs.saude.mg.gov.br.</source>
        <translation>&quot;%1&quot; is not a hub address. Type the address the URS gave you, for example https://hub.urs.saude.mg.gov.br.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Type the enrollment code the URS gave you.</source>
        <translation>Type the enrollment code the URS gave you.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose this profile&apos;s municipality before connecting to the hub.</source>
        <translation>Choose this profile&apos;s municipality before connecting to the hub.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Connected to %1. Concluded reports will be sent automatically.</source>
        <translation>Connected to %1. Concluded reports will be sent automatically.</translation>
    </message>
    <message>
        <location filename="../sync/client/sync_controller.cpp" line="+129"/>
        <source>This computer is not connected to the hub of its URS yet. Ask the URS for an enrollment code and choose &quot;Connect to the URS hub…&quot; on the Synchronization page.</source>
        <translation>This computer is not connected to the hub of its URS yet. Ask the URS for an enrollment code and choose &quot;Connect to the URS hub…&quot; on the Synchronization page.</translation>
    </message>
</context>
<context>
    <name>SyncEngine</name>
    <message>
        <location filename="../sync/client/sync_engine.cpp" line="-183"/>
        <source>Report %1 (revision %2)</source>
        <translation>Report %1 (revision %2)</translation>
    </message>
    <message>
        <location filename="../sync/client/sync_engine_targets.cpp" line="+28"/>
        <source>Targets: %1</source>
        <translation>Targets: %1</translation>
    </message>
    <message>
        <location filename="../sync/client/sync_engine.cpp" line="+195"/>
        <source>The file of photo %1 is missing from this computer&apos;s data folder. Withdraw the report, add the photo again and conclude it.</source>
        <translation>The file of photo %1 is missing from this computer&apos;s data folder. Withdraw the report, add the photo again and conclude it.</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>The hub&apos;s receipt does not match this report (the content differs). It will be sent again; if this repeats, tell the URS.</source>
        <translation>The hub&apos;s receipt does not match this report (the content differs). It will be sent again; if this repeats, tell the URS.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>A partner was not sent: %1</source>
        <translation>A partner was not sent: %1</translation>
    </message>
</context>
<context>
    <name>Targets</name>
    <message>
        <location filename="../core/reference/targets.cpp" line="+22"/>
        <source>The targets file cannot be used: %1. Ask the central level to publish the targets again.</source>
        <translation>The targets file cannot be used: %1. Ask the central level to publish the targets again.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>it is not a JSON object</source>
        <translation>it is not a JSON object</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its schema is not %1</source>
        <translation>its schema is not %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>its revision is not a whole number from 1 on</source>
        <translation>its revision is not a whole number from 1 on</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the moment it was saved (&quot;updated&quot;) is missing or not a date</source>
        <translation>the moment it was saved (&quot;updated&quot;) is missing or not a date</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;coverage&quot; is not an object</source>
        <translation>&quot;coverage&quot; is not an object</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the coverage target of &quot;%1&quot; is not a share above 0 and up to 1</source>
        <translation>the coverage target of &quot;%1&quot; is not a share above 0 and up to 1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;actions&quot; is not a list</source>
        <translation>&quot;actions&quot; is not a list</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a year of the action targets is missing, repeated or outside 2000–2100</source>
        <translation>a year of the action targets is missing, repeated or outside 2000–2100</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the state&apos;s action target for %1 is not a whole number of actions</source>
        <translation>the state&apos;s action target for %1 is not a whole number of actions</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the action target per municipality for %1 is not a whole number of actions</source>
        <translation>the action target per municipality for %1 is not a whole number of actions</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the action target of &quot;%1&quot; for %2 is not a whole number of actions</source>
        <translation>the action target of &quot;%1&quot; for %2 is not a whole number of actions</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>The targets name the URS &quot;%1&quot;, which the reference table does not have by that name. Use the URS&apos;s name as the list shows it.</source>
        <translation>The targets name the URS &quot;%1&quot;, which the reference table does not have by that name. Use the URS&apos;s name as the list shows it.</translation>
    </message>
</context>
<context>
    <name>TargetsService</name>
    <message>
        <location filename="../core/services/targets_service.cpp" line="+91"/>
        <source>Only the central level sets the targets. Your targets come from the hub at each synchronization.</source>
        <translation>Only the central level sets the targets. Your targets come from the hub at each synchronization.</translation>
    </message>
</context>
<context>
    <name>TextSearch</name>
    <message>
        <location filename="../core/panel/text_search.cpp" line="+5"/>
        <source>Type one or more words to search for.</source>
        <translation>Type one or more words to search for.</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Found in</source>
        <translation>Found in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passages</source>
        <translation>Passages</translation>
    </message>
</context>
<context>
    <name>TokenStore</name>
    <message>
        <location filename="../sync/client/token_store.cpp" line="+23"/>
        <source>The hub access key could not be saved in %1. Check that the data folder is writable, then connect to the hub again.</source>
        <translation>The hub access key could not be saved in %1. Check that the data folder is writable, then connect to the hub again.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The hub access key could not be read. Connect to the hub again on the Synchronization page.</source>
        <translation>The hub access key could not be read. Connect to the hub again on the Synchronization page.</translation>
    </message>
</context>
<context>
    <name>ValidationEngine</name>
    <message>
        <location filename="../core/program/validation_engine.cpp" line="+25"/>
        <source>This report belongs to the program “%1”, not to “%2”. Open it with the right program.</source>
        <translation>This report belongs to the program “%1”, not to “%2”. Open it with the right program.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The report has no valid month (competência). Choose the month of the report.</source>
        <translation>The report has no valid month (competência). Choose the month of the report.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The period %1 is a month, but this program reports by four-month period. Choose the four-month period of the report.</source>
        <translation>The period %1 is a month, but this program reports by four-month period. Choose the four-month period of the report.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The period %1 is a four-month period, but this program reports by month. Choose the month of the report.</source>
        <translation>The period %1 is a four-month period, but this program reports by month. Choose the month of the report.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+36"/>
        <source>This program does not accept a report without actions. Add at least one action.</source>
        <translation>This program does not accept a report without actions. Add at least one action.</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>The report is marked “No actions this month” but has %1 actions. Remove the actions or unmark the option.</source>
        <translation>The report is marked “No actions this month” but has %1 actions. Remove the actions or unmark the option.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Explain why there were no actions this month (at least %1 characters).</source>
        <translation>Explain why there were no actions this month (at least %1 characters).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The justification for no actions this month is too short (%1 characters). Explain the reason in at least %2 characters.</source>
        <translation>The justification for no actions this month is too short (%1 characters). Explain the reason in at least %2 characters.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The report has no actions. Add at least one action, or mark “No actions this month” and explain why.</source>
        <translation>The report has no actions. Add at least one action, or mark “No actions this month” and explain why.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The report has %1 actions; the program asks for at least %2. Add the missing actions.</source>
        <translation>The report has %1 actions; the program asks for at least %2. Add the missing actions.</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>%1: you chose “%3” in “%2”. Describe it in “%4”.</source>
        <translation>%1: you chose “%3” in “%2”. Describe it in “%4”.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1: the date %3 in “%2” is outside the period of the report (%4). Use a date from %5 to %6, or record it in the report of its own period.</source>
        <translation>%1: the date %3 in “%2” is outside the period of the report (%4). Use a date from %5 to %6, or record it in the report of its own period.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: the date %3 in “%2” is outside the month of the report (%4). Use a date from %5 to %6, or record the action in the report of its own month.</source>
        <translation>%1: the date %3 in “%2” is outside the month of the report (%4). Use a date from %5 to %6, or record the action in the report of its own month.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1: “%2” (%3) is before “%4” (%5). Correct one of the dates.</source>
        <translation>%1: “%2” (%3) is before “%4” (%5). Correct one of the dates.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1: fill in “%2”; it is required by the answer given in “%3”.</source>
        <translation>%1: fill in “%2”; it is required by the answer given in “%3”.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1: %2 add up to %3, but “%4” is %5. Correct the numbers so that they add up to the total, or leave them all blank.</source>
        <translation>%1: %2 add up to %3, but “%4” is %5. Correct the numbers so that they add up to the total, or leave them all blank.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1: the municipality %3 in “%2” is in %4, not in the state chosen in “%5” (%6). Choose a municipality of %6, or change the state.</source>
        <translation>%1: the municipality %3 in “%2” is in %4, not in the state chosen in “%5” (%6). Choose a municipality of %6, or change the state.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1, photo %2: it shows identifiable people, but no image-use authorization is on file. File the signed authorization (a guardian&apos;s for children) or replace the photo.</source>
        <translation>%1, photo %2: it shows identifiable people, but no image-use authorization is on file. File the signed authorization (a guardian&apos;s for children) or replace the photo.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 has no photo. Add at least one photo as proof of the action.</source>
        <translation>%1 has no photo. Add at least one photo as proof of the action.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 has %2 photos; add at least %3 as proof of the action.</source>
        <translation>%1 has %2 photos; add at least %3 as proof of the action.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 has %2 photos; the maximum is %3. Remove the extra photos.</source>
        <translation>%1 has %2 photos; the maximum is %3. Remove the extra photos.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1, photo %2: the photo file is missing. Remove the photo and add it again.</source>
        <translation>%1, photo %2: the photo file is missing. Remove the photo and add it again.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1, photo %2: write a caption that describes the photo.</source>
        <translation>%1, photo %2: write a caption that describes the photo.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1, photo %2: the caption has %3 characters; shorten it to at most %4.</source>
        <translation>%1, photo %2: the caption has %3 characters; shorten it to at most %4.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1, photo %2: fill in the photo&apos;s author.</source>
        <translation>%1, photo %2: fill in the photo&apos;s author.</translation>
    </message>
    <message>
        <location filename="../core/program/validation_fields.cpp" line="+25"/>
        <source>%1: link at least one partner in “%2”.</source>
        <translation>%1: link at least one partner in “%2”.</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+293"/>
        <source>%1: choose an option in “%2”.</source>
        <translation>%1: choose an option in “%2”.</translation>
    </message>
    <message>
        <location line="-291"/>
        <location line="+293"/>
        <source>%1: fill in “%2”.</source>
        <translation>%1: fill in “%2”.</translation>
    </message>
    <message>
        <location line="-248"/>
        <source>%1: “%2” must be text. Enter it again.</source>
        <translation>%1: “%2” must be text. Enter it again.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: “%2” has %3 characters; shorten it to at most %4.</source>
        <translation>%1: “%2” has %3 characters; shorten it to at most %4.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: “%2” is too short (%3 characters). Write at least %4 characters.</source>
        <translation>%1: “%2” is too short (%3 characters). Write at least %4 characters.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: “%2” is not a valid date. Enter it as dd/mm/yyyy.</source>
        <translation>%1: “%2” is not a valid date. Enter it as dd/mm/yyyy.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: “%2” must be a whole number. Enter a number such as 25.</source>
        <translation>%1: “%2” must be a whole number. Enter a number such as 25.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: “%2” must be a whole number, without decimals.</source>
        <translation>%1: “%2” must be a whole number, without decimals.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: “%2” must be at least %3.</source>
        <translation>%1: “%2” must be at least %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: “%2” must be at most %3. Check the value.</source>
        <translation>%1: “%2” must be at most %3. Check the value.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: “%2” must be yes or no. Mark it again.</source>
        <translation>%1: “%2” must be yes or no. Mark it again.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: “%2” has an invalid selection. Choose the option again.</source>
        <translation>%1: “%2” has an invalid selection. Choose the option again.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: “%2” has an option that does not exist in this program (code “%3”). Choose an option from the list.</source>
        <translation>%1: “%2” has an option that does not exist in this program (code “%3”). Choose an option from the list.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: the option “%3” in “%2” is no longer in use. Choose a current option if possible.</source>
        <translation>%1: the option “%3” in “%2” is no longer in use. Choose a current option if possible.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: choose at least %3 options in “%2”.</source>
        <translation>%1: choose at least %3 options in “%2”.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: choose at most %3 options in “%2”.</source>
        <translation>%1: choose at most %3 options in “%2”.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: “%2” are not valid coordinates. Enter the latitude (-90 to 90) and the longitude (-180 to 180) again, or leave them empty.</source>
        <translation>%1: “%2” are not valid coordinates. Enter the latitude (-90 to 90) and the longitude (-180 to 180) again, or leave them empty.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+51"/>
        <source>%1: “%2” is not a known municipality code (%3). Choose the municipality from the list.</source>
        <translation>%1: “%2” is not a known municipality code (%3). Choose the municipality from the list.</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>%1: “%2” is not a known health region code (%3). Choose the health region from the list.</source>
        <translation>%1: “%2” is not a known health region code (%3). Choose the health region from the list.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: “%2” is not a Brazilian state (%3). Choose the state from the list.</source>
        <translation>%1: “%2” is not a Brazilian state (%3). Choose the state from the list.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1: “%2” has an invalid selection. Choose the municipalities again.</source>
        <translation>%1: “%2” has an invalid selection. Choose the municipalities again.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1: “%2” lists %3 more than once. Keep it once.</source>
        <translation>%1: “%2” lists %3 more than once. Keep it once.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: choose at least %3 municipalities in “%2”.</source>
        <translation>%1: choose at least %3 municipalities in “%2”.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: choose at most %3 municipalities in “%2”.</source>
        <translation>%1: choose at most %3 municipalities in “%2”.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1: “%2” is not a valid list. Enter its entries again.</source>
        <translation>%1: “%2” is not a valid list. Enter its entries again.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: add at least %3 entries in “%2”.</source>
        <translation>%1: add at least %3 entries in “%2”.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: “%2” has %3 entries; the maximum is %4.</source>
        <translation>%1: “%2” has %3 entries; the maximum is %4.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1, “%2” item %3</source>
        <extracomment>A list entry in a message: &quot;Ação 1, “Encaminhamentos” item 2&quot;</extracomment>
        <translation>%1, “%2” item %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is not valid. Enter it again.</source>
        <translation>%1 is not valid. Enter it again.</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::ActionForm</name>
    <message>
        <location filename="../app/ui/editor/action_form.cpp" line="+19"/>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Notes of the URS on this action</source>
        <translation>Notes of the URS on this action</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fields marked with * are required. Everything is saved as you type.</source>
        <translation>Fields marked with * are required. Everything is saved as you type.</translation>
    </message>
    <message>
        <location line="+134"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::ActionListModel</name>
    <message>
        <location filename="../app/ui/editor/action_list_model.cpp" line="+71"/>
        <source>(no title yet)</source>
        <translation>(no title yet)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 %2 — %3</source>
        <extracomment>Action list line: &quot;Ação 1 — title&quot;</extracomment>
        <translation>%1 %2 — %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>no photo</source>
        <translation>no photo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>1 photo</source>
        <translation>1 photo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 photos</source>
        <translation>%1 photos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>▲ 1 note from the URS</source>
        <translation>▲ 1 note from the URS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>▲ %1 notes from the URS</source>
        <translation>▲ %1 notes from the URS</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Something in this action blocks concluding: see the list below.</source>
        <translation>Something in this action blocks concluding: see the list below.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes from the URS:</source>
        <translation>Notes from the URS:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (notes from the URS: %1)</source>
        <translation> (notes from the URS: %1)</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::BatchModel</name>
    <message>
        <location filename="../app/ui/regional/batch_model.cpp" line="+48"/>
        <source>Waiting to be sent</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Consolidated by the central level</source>
        <translation>Consolidated by the central level</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Received by the central level on %1</source>
        <translation>Received by the central level on %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received by the central level on %1 (%2)</source>
        <translation>Received by the central level on %1 (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 consolidated</source>
        <translation>%1 of %2 consolidated</translation>
    </message>
    <message numerus="yes">
        <location line="-12"/>
        <source>%n returned to the URS</source>
        <translation>
            <numerusform>%n returned to the URS</numerusform>
            <numerusform>%n returned to the URS</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Decided by the central level: %1, %2</source>
        <translation>Decided by the central level: %1, %2</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n consolidated</source>
        <translation>
            <numerusform>%n consolidated</numerusform>
            <numerusform>%n consolidated</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Refused: %1</source>
        <translation>Refused: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File written</source>
        <translation>File written</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>file: %1</source>
        <translation>file: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>over the network</source>
        <translation>over the network</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>It goes at the next synchronization. Last attempt: %1</source>
        <translation>It goes at the next synchronization. Last attempt: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It goes to the hub at the next synchronization.</source>
        <translation>It goes to the hub at the next synchronization.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reports</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>State</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::BatchesPage</name>
    <message>
        <location filename="../app/ui/regional/batches_page.cpp" line="+93"/>
        <source>Batches</source>
        <translation>Batches</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The reports the hub accepted go to the central level (SES-MG) in batches of a month: over the network, at the next synchronization, or in a batch file taken there by hand.</source>
        <translation>The reports the hub accepted go to the central level (SES-MG) in batches of a month: over the network, at the next synchronization, or in a batch file taken there by hand.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Month:</source>
        <translation>&amp;Month:</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+256"/>
        <location line="+9"/>
        <source>Forward to the central level</source>
        <translation>Forward to the central level</translation>
    </message>
    <message>
        <location line="-263"/>
        <source>Makes a batch of the month&apos;s accepted reports; it goes over the network at the next synchronization, which starts now.</source>
        <translation>Makes a batch of the month&apos;s accepted reports; it goes over the network at the next synchronization, which starts now.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write batch file…</source>
        <translation>Write batch file…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writes the month&apos;s accepted reports, with their photos, to one file to take to the central level (a USB stick, for example).</source>
        <translation>Writes the month&apos;s accepted reports, with their photos, to one file to take to the central level (a USB stick, for example).</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+23"/>
        <source>Batches made at this URS</source>
        <translation>Batches made at this URS</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Import receipt…</source>
        <translation>Import receipt…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Records the receipt file (.mobiliza-recibo) the central level gave back for a batch file: the batch becomes received by the central level.</source>
        <translation>Records the receipt file (.mobiliza-recibo) the central level gave back for a batch file: the batch becomes received by the central level.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>No batch yet. Choose a month with accepted reports and forward them.</source>
        <translation>No batch yet. Choose a month with accepted reports and forward them.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Municipalities in the batch</source>
        <translation>Municipalities in the batch</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The batches could not be read: %1</source>
        <translation>The batches could not be read: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+37"/>
        <source>%1 · %n to forward</source>
        <translation>
            <numerusform>%1 · %n to forward</numerusform>
            <numerusform>%1 · %n to forward</numerusform>
        </translation>
    </message>
    <message>
        <location line="+32"/>
        <source>No report received yet.</source>
        <translation>No report received yet.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n accepted report(s) of %1 waiting to be forwarded.</source>
        <translation>
            <numerusform>%n accepted report(s) of %1 waiting to be forwarded.</numerusform>
            <numerusform>%n accepted report(s) of %1 waiting to be forwarded.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No accepted report of %1 is waiting to be forwarded.</source>
        <translation>No accepted report of %1 is waiting to be forwarded.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A batch of this month goes to the hub at the next synchronization.</source>
        <translation>A batch of this month goes to the hub at the next synchronization.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Select a batch to see its reports.</source>
        <translation>Select a batch to see its reports.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Batch of %1 · %n report(s)</source>
        <translation>
            <numerusform>Batch of %1 · %n report(s)</numerusform>
            <numerusform>Batch of %1 · %n report(s)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Made on %1 by %2</source>
        <translation>Made on %1 by %2</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>Forward %n report(s) of %1 to the central level?</source>
        <translation>
            <numerusform>Forward %n report(s) of %1 to the central level?</numerusform>
            <numerusform>Forward %n report(s) of %1 to the central level?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>They go over the network at the next synchronization.</source>
        <translation>They go over the network at the next synchronization.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forward</source>
        <translation>Forward</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing was forwarded: %1</source>
        <translation>Nothing was forwarded: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Batch of %1 with %n report(s) made: it goes to the hub at the next synchronization.</source>
        <translation>
            <numerusform>Batch of %1 with %n report(s) made: it goes to the hub at the next synchronization.</numerusform>
            <numerusform>Batch of %1 with %n report(s) made: it goes to the hub at the next synchronization.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+24"/>
        <location line="+66"/>
        <location line="+19"/>
        <source>Write batch file</source>
        <translation>Write batch file</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>Mobiliza batch file (*.mobiliza-lote)</source>
        <translation>Mobiliza batch file (*.mobiliza-lote)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Writing the batch file of %1…</source>
        <translation>Writing the batch file of %1…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancelling: the batch file is being removed…</source>
        <translation>Cancelling: the batch file is being removed…</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%1 of %n photo(s) written (%2 of %3).</source>
        <translation>
            <numerusform>%1 of %n photo(s) written (%2 of %3).</numerusform>
            <numerusform>%1 of %n photo(s) written (%2 of %3).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Cancelled: no batch file was written and nothing changed.</source>
        <translation>Cancelled: no batch file was written and nothing changed.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Take the file to the central level; it is verified there like a report package. Its receipt, carried back, goes in with Import receipt…</source>
        <translation>Take the file to the central level; it is verified there like a report package. Its receipt, carried back, goes in with Import receipt…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The batch file was not written.</source>
        <translation>The batch file was not written.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A synchronization has started to bring them.</source>
        <translation>A synchronization has started to bring them.</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+31"/>
        <location line="+2"/>
        <source>Import receipt</source>
        <translation>Import receipt</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Receipts of the central level (*.mobiliza-recibo)</source>
        <translation>Receipts of the central level (*.mobiliza-recibo)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: the batch of %2 was already recorded as received (%3, %4); nothing changed.</source>
        <translation>%1: the batch of %2 was already recorded as received (%3, %4); nothing changed.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: the batch of %2 is now received by the central level (%3, %4).</source>
        <translation>%1: the batch of %2 is now received by the central level (%3, %4).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A refused receipt changed nothing.</source>
        <translation>A refused receipt changed nothing.</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>The batch file was not written: %1</source>
        <translation>The batch file was not written: %1</translation>
    </message>
    <message numerus="yes">
        <location line="-12"/>
        <source>Batch file written: %n report(s) of %1 in %2.</source>
        <translation>
            <numerusform>Batch file written: %n report(s) of %1 in %2.</numerusform>
            <numerusform>Batch file written: %n report(s) of %1 in %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n report(s) of %1 written to %2.</source>
        <translation>
            <numerusform>%n report(s) of %1 written to %2.</numerusform>
            <numerusform>%n report(s) of %1 written to %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::CheckList</name>
    <message>
        <location filename="../app/ui/editor/field_editors.cpp" line="+33"/>
        <source>Filter the list…</source>
        <translation>Filter the list…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>Chosen: %1</source>
        <translation>Chosen: %1</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::CoverageModel</name>
    <message>
        <location filename="../app/ui/regional/coverage_model.cpp" line="+58"/>
        <source>late</source>
        <translation>late</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no actions</source>
        <translation>no actions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>returned</source>
        <translation>returned</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 of %2 (%3%)</source>
        <translation>%1 of %2 (%3%)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 was not in the program in %2 (joined later, or has left): no report is expected.</source>
        <translation>%1 was not in the program in %2 (joined later, or has left): no report is expected.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 has not sent the report of %2; deadline: %3.</source>
        <translation>%1 has not sent the report of %2; deadline: %3.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: the report of %2 was returned for correction; the corrected revision has not arrived yet.</source>
        <translation>%1: the report of %2 was returned for correction; the corrected revision has not arrived yet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 reported no actions in %2 (justified); sent on %3.</source>
        <translation>%1 reported no actions in %2 (justified); sent on %3.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 sent the report of %2 late, on %3 (deadline: %4).</source>
        <translation>%1 sent the report of %2 late, on %3 (deadline: %4).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 sent the report of %2 on time, on %3 (deadline: %4).</source>
        <translation>%1 sent the report of %2 on time, on %3 (deadline: %4).</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Apoiador(a) %1 (%2)</source>
        <translation>Apoiador(a) %1 (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>IBGE %1</source>
        <translation>IBGE %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>4-month period %1
%2</source>
        <translation>4-month period %1
%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2 reported (on time, late or without actions); target: %3% of the apoiadores.</source>
        <translation>%1: %2 reported (on time, late or without actions); target: %3% of the apoiadores.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2 reported (on time, late or without actions); target: %3% of the municipalities.</source>
        <translation>%1: %2 reported (on time, late or without actions); target: %3% of the municipalities.</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::CoveragePage</name>
    <message>
        <location filename="../app/ui/regional/coverage_page.cpp" line="+37"/>
        <source>No actions in the period (justified)</source>
        <translation>No actions in the period (justified)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Coverage</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Which apoiador reported which period, over the last two years, and which municipalities of the state the period&apos;s apoio reached. A period counts as reported when its report was sent on time, late, or without actions (justified). Double-click a cell to open its report.</source>
        <translation>Which apoiador reported which period, over the last two years, and which municipalities of the state the period&apos;s apoio reached. A period counts as reported when its report was sent on time, late, or without actions (justified). Double-click a cell to open its report.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Which municipality reported which month, over the last 12 months. A month counts as reported when it was sent on time, late, or without actions (justified). Double-click a cell to open its report.</source>
        <translation>Which municipality reported which month, over the last 12 months. A month counts as reported when it was sent on time, late, or without actions (justified). Double-click a cell to open its report.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Coverage by apoiador and period</source>
        <translation>Coverage by apoiador and period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coverage by municipality and month</source>
        <translation>Coverage by municipality and month</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Open the report</source>
        <translation>Open the report</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export not reported (CSV)…</source>
        <translation>Export not reported (CSV)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A spreadsheet (Excel) of the selected period&apos;s apoiadores that did not report.</source>
        <translation>A spreadsheet (Excel) of the selected period&apos;s apoiadores that did not report.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A spreadsheet (Excel) of the selected month&apos;s municipalities that did not report.</source>
        <translation>A spreadsheet (Excel) of the selected month&apos;s municipalities that did not report.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy list</source>
        <translation>Copy list</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copies the names, one per line, to paste in an e-mail or a message.</source>
        <translation>Copies the names, one per line, to paste in an e-mail or a message.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Copy municipalities without apoio</source>
        <translation>Copy municipalities without apoio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copies the names of the state&apos;s municipalities that no action of the period reached, one per line.</source>
        <translation>Copies the names of the state&apos;s municipalities that no action of the period reached, one per line.</translation>
    </message>
    <message>
        <location line="+81"/>
        <location line="+17"/>
        <source>The coverage could not be computed: %1</source>
        <translation>The coverage could not be computed: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No apoiador is known yet: the list arrives from the hub at the next synchronization, with the reports.</source>
        <translation>No apoiador is known yet: the list arrives from the hub at the next synchronization, with the reports.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This profile&apos;s URS has no municipality in the reference table.</source>
        <translation>This profile&apos;s URS has no municipality in the reference table.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Select a cell to see what it means.</source>
        <translation>Select a cell to see what it means.</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>%1: %2 reported · %n did not report (not sent or returned).</source>
        <translation>
            <numerusform>%1: %2 reported · %n did not report (not sent or returned).</numerusform>
            <numerusform>%1: %2 reported · %n did not report (not sent or returned).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Where the apoio reached could not be read: %1</source>
        <translation>Where the apoio reached could not be read: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%1 in %2: %3 of %4 municipalities had apoio (%5%) · %n without apoio.</source>
        <translation>
            <numerusform>%1 in %2: %3 of %4 municipalities had apoio (%5%) · %n without apoio.</numerusform>
            <numerusform>%1 in %2: %3 of %4 municipalities had apoio (%5%) · %n without apoio.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n action(s) named a região de saúde, not municipalities.</source>
        <translation>
            <numerusform>%n action(s) named a região de saúde, not municipalities.</numerusform>
            <numerusform>%n action(s) named a região de saúde, not municipalities.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n report(s) of the period still arriving: the count may grow.</source>
        <translation>
            <numerusform>%n report(s) of the period still arriving: the count may grow.</numerusform>
            <numerusform>%n report(s) of the period still arriving: the count may grow.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Municipalities of %1 without apoio in %2 (%3 of %4):</source>
        <translation>Municipalities of %1 without apoio in %2 (%3 of %4):</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>%1 (returned for correction)</source>
        <translation>%1 (returned for correction)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Apoiadores that did not report %1 (%2 of %3):</source>
        <translation>Apoiadores that did not report %1 (%2 of %3):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Municipalities of the state that did not report %1 (%2 of %3):</source>
        <translation>Municipalities of the state that did not report %1 (%2 of %3):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Municipalities of the URS %1 that did not report %2 (%3 of %4):</source>
        <translation>Municipalities of the URS %1 that did not report %2 (%3 of %4):</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+5"/>
        <location line="+4"/>
        <source>Export not reported (CSV)</source>
        <translation>Export not reported (CSV)</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV for Excel (*.csv)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file was not written: %1</source>
        <translation>The file was not written: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved: %1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <location line="-315"/>
        <location line="+321"/>
        <source>List copied.</source>
        <translation>List copied.</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::EnrollDialog</name>
    <message>
        <location filename="../app/ui/sync/enroll_dialog.cpp" line="+22"/>
        <source>Connect to the URS hub</source>
        <translation>Connect to the URS hub</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect to the hub</source>
        <translation>Connect to the hub</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1” gives this installation the address of its hub and a one-time enrollment code. Type both below. The code works once; after that this computer sends its concluded reports by itself.</source>
        <extracomment>%1 is a level of the program, e.g. &quot;Coordenação do COSEMS&quot;</extracomment>
        <translation>“%1” gives this installation the address of its hub and a one-time enrollment code. Type both below. The code works once; after that this computer sends its concluded reports by itself.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The regional health unit (URS) gives each municipality the address of its hub and a one-time enrollment code. Type both below. The code works once; after that this computer sends its concluded reports by itself.</source>
        <translation>The regional health unit (URS) gives each municipality the address of its hub and a one-time enrollment code. Type both below. The code works once; after that this computer sends its concluded reports by itself.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The hub&apos;s administrator gives the central level the hub&apos;s address and a one-time central enrollment code (mobiliza-hub enroll --central). Type both below. The code works once; after that this computer receives the forwarded reports of the state and sends its decisions by itself.</source>
        <translation>The hub&apos;s administrator gives the central level the hub&apos;s address and a one-time central enrollment code (mobiliza-hub enroll --central). Type both below. The code works once; after that this computer receives the forwarded reports of the state and sends its decisions by itself.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The hub&apos;s administrator gives each URS the hub&apos;s address and a one-time enrollment code for the URS (mobiliza-hub enroll --urs). Type both below. The code works once; after that this computer receives the reports of the URS&apos;s municipalities and sends its decisions by itself.</source>
        <translation>The hub&apos;s administrator gives each URS the hub&apos;s address and a one-time enrollment code for the URS (mobiliza-hub enroll --urs). Type both below. The code works once; after that this computer receives the reports of the URS&apos;s municipalities and sends its decisions by itself.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Hub address</source>
        <translation>Hub address</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hub &amp;address:</source>
        <translation>Hub &amp;address:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enrollment code</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enrollment &amp;code:</source>
        <translation>Enrollment &amp;code:</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Co&amp;nnect</source>
        <translation>Co&amp;nnect</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Type the hub address “%1” gave you.</source>
        <translation>Type the hub address “%1” gave you.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type the hub address the URS gave you.</source>
        <translation>Type the hub address the URS gave you.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type the hub address the hub&apos;s administrator gave you.</source>
        <translation>Type the hub address the hub&apos;s administrator gave you.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is not a web address. It looks like https://hub.urs.saude.mg.gov.br.</source>
        <translation>This is not a web address. It looks like https://hub.urs.saude.mg.gov.br.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plain http:// addresses are refused: the enrollment code, the access key and partners&apos; contacts would travel unprotected. Type the https:// address you were given, like https://hub.urs.saude.mg.gov.br.</source>
        <translation>Plain http:// addresses are refused: the enrollment code, the access key and partners&apos; contacts would travel unprotected. Type the https:// address you were given, like https://hub.urs.saude.mg.gov.br.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Type the enrollment code.</source>
        <translation>Type the enrollment code.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The code has only letters, digits and dashes, like K7QF-2M9X-PL4D.</source>
        <translation>The code has only letters, digits and dashes, like K7QF-2M9X-PL4D.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Synchronization is not available in this session.</source>
        <translation>Synchronization is not available in this session.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Connecting to the hub…</source>
        <translation>Connecting to the hub…</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::FieldEditor</name>
    <message>
        <location filename="../app/ui/editor/field_editors.cpp" line="+175"/>
        <source>— choose —</source>
        <translation>— choose —</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>latitude, longitude — e.g. -19.9191, -43.9386</source>
        <translation>latitude, longitude — e.g. -19.9191, -43.9386</translation>
    </message>
    <message>
        <location filename="../app/ui/editor/list_editor.cpp" line="+42"/>
        <source>None yet.</source>
        <translation>None yet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add to “%1”</source>
        <translation>Add to “%1”</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 *</source>
        <translation>%1 *</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove %1 %2</source>
        <translation>Remove %1 %2</translation>
    </message>
    <message>
        <location filename="../app/ui/editor/place_editors.cpp" line="+113"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="-87"/>
        <location line="+68"/>
        <source>Choose the state first: its municipalities are listed here.</source>
        <translation>Choose the state first: its municipalities are listed here.</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>%1 (%2), IBGE %3</source>
        <translation>%1 (%2), IBGE %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 (%2) — not of the chosen state</source>
        <translation>%1 (%2) — not of the chosen state</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — not a municipality code</source>
        <translation>%1 — not a municipality code</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::FindingsPanel</name>
    <message>
        <location filename="../app/ui/editor/findings_panel.cpp" line="+22"/>
        <source>Before concluding</source>
        <translation>Before concluding</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Problems found in the report</source>
        <translation>Problems found in the report</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Click a line, or select it and press Enter, to go to the field.</source>
        <translation>Click a line, or select it and press Enter, to go to the field.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Blocks concluding</source>
        <translation>Blocks concluding</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Warning: does not block concluding</source>
        <translation>Warning: does not block concluding</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing blocks concluding.</source>
        <translation>Nothing blocks concluding.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing blocks concluding; %1 warning(s) to review.</source>
        <translation>Nothing blocks concluding; %1 warning(s) to review.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 problem(s) to fix before concluding; %2 warning(s).</source>
        <translation>%1 problem(s) to fix before concluding; %2 warning(s).</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::InboxModel</name>
    <message>
        <location filename="../app/ui/regional/inbox_model.cpp" line="+84"/>
        <source>%1 (to be sent)</source>
        <translation>%1 (to be sent)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Refused by the hub: %1</source>
        <translation>Refused by the hub: %1</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Late</source>
        <translation>Late</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>On time</source>
        <translation>On time</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>First received on %1; deadline %2.</source>
        <translation>First received on %1; deadline %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The content of this report has not arrived yet: synchronize.</source>
        <translation>The content of this report has not arrived yet: synchronize.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Municipality</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>no actions</source>
        <translation>no actions</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Apoiador</source>
        <translation>Apoiador</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Period</source>
        <comment>a quadrimestre of the apoio program</comment>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month</source>
        <comment>the report&apos;s competência (mm/aaaa)</comment>
        <translation>Month</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Received on</source>
        <translation>Received on</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::InboxPage</name>
    <message>
        <location filename="../app/ui/regional/inbox_page.cpp" line="+65"/>
        <source>Forwarded reports</source>
        <translation>Forwarded reports</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The reports the URS forwarded to the central level, and every report of the state. Open one (Enter or double-click) to consolidate it or return it to its URS; decisions are kept here and sent at the next synchronization.</source>
        <translation>The reports the URS forwarded to the central level, and every report of the state. Open one (Enter or double-click) to consolidate it or return it to its URS; decisions are kept here and sent at the next synchronization.</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+12"/>
        <source>Inbox</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>The reports of the state&apos;s apoiadores, as received. Open one (Enter or double-click) to review it; decisions are kept here and sent at the next synchronization.</source>
        <translation>The reports of the state&apos;s apoiadores, as received. Open one (Enter or double-click) to review it; decisions are kept here and sent at the next synchronization.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The reports of the URS&apos;s municipalities, as received. Open one (Enter or double-click) to review it; decisions are kept here and sent at the next synchronization.</source>
        <translation>The reports of the URS&apos;s municipalities, as received. Open one (Enter or double-click) to review it; decisions are kept here and sent at the next synchronization.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Month:</source>
        <translation>&amp;Month:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Period:</source>
        <translation>&amp;Period:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mu&amp;nicipality:</source>
        <translation>Mu&amp;nicipality:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A&amp;poiador:</source>
        <translation>A&amp;poiador:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search by name</source>
        <translation>Search by name</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opens the selected report (Enter or double-click also open it).</source>
        <translation>Opens the selected report (Enter or double-click also open it).</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+247"/>
        <location line="+79"/>
        <source>Accept selected</source>
        <translation>Accept selected</translation>
    </message>
    <message>
        <location line="-326"/>
        <location line="+244"/>
        <location line="+82"/>
        <source>Consolidate selected</source>
        <translation>Consolidate selected</translation>
    </message>
    <message>
        <location line="-323"/>
        <source>Consolidates every selected report that waits for the central level (select several with Ctrl or Shift).</source>
        <translation>Consolidates every selected report that waits for the central level (select several with Ctrl or Shift).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accepts every selected report that is waiting for a decision (select several with Ctrl or Shift).</source>
        <translation>Accepts every selected report that is waiting for a decision (select several with Ctrl or Shift).</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Reports received</source>
        <translation>Reports received</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Import package…</source>
        <translation>Import package…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Import batch file…</source>
        <translation>Import batch file…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Takes in a URS&apos;s batch files (.mobiliza-lote), brought on a USB stick or sent by e-mail; they go to the hub at the next synchronization, and the receipt for the URS is written beside each file.</source>
        <translation>Takes in a URS&apos;s batch files (.mobiliza-lote), brought on a USB stick or sent by e-mail; they go to the hub at the next synchronization, and the receipt for the URS is written beside each file.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Takes in report package files (.mobiliza) an apoiador brought on a USB stick or sent by e-mail; they go to the hub at the next synchronization.</source>
        <translation>Takes in report package files (.mobiliza) an apoiador brought on a USB stick or sent by e-mail; they go to the hub at the next synchronization.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Takes in report package files (.mobiliza) a municipality brought on a USB stick or sent by e-mail; they go to the hub at the next synchronization.</source>
        <translation>Takes in report package files (.mobiliza) a municipality brought on a USB stick or sent by e-mail; they go to the hub at the next synchronization.</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>All months</source>
        <translation>All months</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All periods</source>
        <translation>All periods</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned to the URS</source>
        <translation>Returned to the URS</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%1: %n report(s)</source>
        <translation>
            <numerusform>%1: %n report(s)</numerusform>
            <numerusform>%1: %n report(s)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The regional copy could not be read: %1</source>
        <translation>The regional copy could not be read: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No report matches this filter. Choose &quot;All&quot; or another period.</source>
        <translation>No report matches this filter. Choose &quot;All&quot; or another period.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No report received yet. The apoiadores&apos; reports arrive with the synchronization (Synchronization page) or from an imported report package.</source>
        <translation>No report received yet. The apoiadores&apos; reports arrive with the synchronization (Synchronization page) or from an imported report package.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No report received yet. The municipalities&apos; reports arrive with the synchronization (Synchronization page) or from an imported report package.</source>
        <translation>No report received yet. The municipalities&apos; reports arrive with the synchronization (Synchronization page) or from an imported report package.</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>No report matches this filter. Choose &quot;All&quot; or another month.</source>
        <translation>No report matches this filter. Choose &quot;All&quot; or another month.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Consolidate selected (%1)</source>
        <translation>Consolidate selected (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept selected (%1)</source>
        <translation>Accept selected (%1)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 report(s) shown · %2 waiting for a decision · %3 late.</source>
        <translation>%1 report(s) shown · %2 waiting for a decision · %3 late.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 report(s) shown · %2 waiting for the central level · %3 late · the state has %4 municipalities.</source>
        <translation>%1 report(s) shown · %2 waiting for the central level · %3 late · the state has %4 municipalities.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 report(s) shown · %2 waiting for a decision · %3 late · the URS has %4 municipalities.</source>
        <translation>%1 report(s) shown · %2 waiting for a decision · %3 late · the URS has %4 municipalities.</translation>
    </message>
    <message numerus="yes">
        <location line="+59"/>
        <source>Consolidate %n report(s)?</source>
        <translation>
            <numerusform>Consolidate %n report(s)?</numerusform>
            <numerusform>Consolidate %n report(s)?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Accept %n report(s)?</source>
        <translation>
            <numerusform>Accept %n report(s)?</numerusform>
            <numerusform>Accept %n report(s)?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n other selected report(s) cannot be consolidated now (not forwarded, already decided, or content not received yet) and stay as they are.</source>
        <translation>
            <numerusform>%n other selected report(s) cannot be consolidated now (not forwarded, already decided, or content not received yet) and stay as they are.</numerusform>
            <numerusform>%n other selected report(s) cannot be consolidated now (not forwarded, already decided, or content not received yet) and stay as they are.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n other selected report(s) cannot be accepted now (already decided, or content not received yet) and stay as they are.</source>
        <translation>
            <numerusform>%n other selected report(s) cannot be accepted now (already decided, or content not received yet) and stay as they are.</numerusform>
            <numerusform>%n other selected report(s) cannot be accepted now (already decided, or content not received yet) and stay as they are.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Consolidate</source>
        <translation>Consolidate</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n report(s) consolidated.</source>
        <translation>
            <numerusform>%n report(s) consolidated.</numerusform>
            <numerusform>%n report(s) consolidated.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n report(s) accepted.</source>
        <translation>
            <numerusform>%n report(s) accepted.</numerusform>
            <numerusform>%n report(s) accepted.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The decisions go to the hub at the next synchronization.</source>
        <translation>The decisions go to the hub at the next synchronization.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n could not be consolidated:</source>
        <translation>
            <numerusform>%n could not be consolidated:</numerusform>
            <numerusform>%n could not be consolidated:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n could not be accepted:</source>
        <translation>
            <numerusform>%n could not be accepted:</numerusform>
            <numerusform>%n could not be accepted:</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/regional/inbox_import.cpp" line="+35"/>
        <source>Import URS batch files</source>
        <translation>Import URS batch files</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Batch files (*.mobiliza-lote)</source>
        <translation>Batch files (*.mobiliza-lote)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import report packages</source>
        <translation>Import report packages</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Report packages (*.mobiliza)</source>
        <translation>Report packages (*.mobiliza)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Checking the package files…</source>
        <translation>Checking the package files…</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Checking the batch files…</source>
        <translation>Checking the batch files…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cancelling: the file being checked is finished first…</source>
        <translation>Cancelling: the file being checked is finished first…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Checking %1 (%2 of %3)…</source>
        <translation>Checking %1 (%2 of %3)…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Import batch file</source>
        <translation>Import batch file</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The files could not be imported: %1</source>
        <translation>The files could not be imported: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+82"/>
        <source>%1: URS %2, %3, %n report(s)</source>
        <translation>
            <numerusform>%1: URS %2, %3, %n report(s)</numerusform>
            <numerusform>%1: URS %2, %3, %n report(s)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: receipt written to %2</source>
        <translation>%1: receipt written to %2</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n batch file(s) taken in. They go to the hub at the next synchronization; the receipt for the URS is then written beside each file (import the file again to write it if the USB stick was removed):</source>
        <translation>
            <numerusform>%n batch file(s) taken in. They go to the hub at the next synchronization; the receipt for the URS is then written beside each file (import the file again to write it if the USB stick was removed):</numerusform>
            <numerusform>%n batch file(s) taken in. They go to the hub at the next synchronization; the receipt for the URS is then written beside each file (import the file again to write it if the USB stick was removed):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n batch file(s) already here (nothing changed):</source>
        <translation>
            <numerusform>%n batch file(s) already here (nothing changed):</numerusform>
            <numerusform>%n batch file(s) already here (nothing changed):</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Receipts for the URS:</source>
        <translation>Receipts for the URS:</translation>
    </message>
    <message>
        <location line="-100"/>
        <location line="+64"/>
        <location line="+16"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>%1: %2, %3 (revision %4)</source>
        <translation>%1: %2, %3 (revision %4)</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n package(s) imported; they go to the hub at the next synchronization:</source>
        <translation>
            <numerusform>%n package(s) imported; they go to the hub at the next synchronization:</numerusform>
            <numerusform>%n package(s) imported; they go to the hub at the next synchronization:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n package(s) already here (nothing changed):</source>
        <translation>
            <numerusform>%n package(s) already here (nothing changed):</numerusform>
            <numerusform>%n package(s) already here (nothing changed):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n file(s) refused (nothing was kept from them):</source>
        <translation>
            <numerusform>%n file(s) refused (nothing was kept from them):</numerusform>
            <numerusform>%n file(s) refused (nothing was kept from them):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Cancelled: %n file(s) were not looked at; import them again when you want.</source>
        <translation>
            <numerusform>Cancelled: %n file(s) were not looked at; import them again when you want.</numerusform>
            <numerusform>Cancelled: %n file(s) were not looked at; import them again when you want.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Import package</source>
        <translation>Import package</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::MainWindow</name>
    <message>
        <location filename="../app/ui/main_window.cpp" line="+43"/>
        <source>Mobiliza</source>
        <translation>Mobiliza</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>DEMONSTRATION DATA — not real reports</source>
        <translation>DEMONSTRATION DATA — not real reports</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Sections</source>
        <translation>Sections</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Reports</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Partners</source>
        <translation>Partners</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Synchronization</source>
        <translation>Synchronization</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
    <message>
        <location line="+101"/>
        <location line="+1"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>URS %1</source>
        <translation>URS %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regional Health Unit of %1</source>
        <translation>Regional Health Unit of %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n municipalities · %1</source>
        <translation>
            <numerusform>%n municipalities · %1</numerusform>
            <numerusform>%n municipalities · %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Central level</source>
        <translation>Central level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SES-MG — central level</source>
        <translation>SES-MG — central level</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Municipal Health Secretariat of %1</source>
        <translation>Municipal Health Secretariat of %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URS %1 · %2</source>
        <translation>URS %1 · %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (demonstration)</source>
        <translation>%1 (demonstration)</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::MunicipalityDialog</name>
    <message>
        <location filename="../app/ui/dialogs/municipality_dialog.cpp" line="+41"/>
        <source>Welcome to Mobiliza</source>
        <translation>Welcome to Mobiliza</translation>
    </message>
    <message>
        <location line="+141"/>
        <source>&lt;b&gt;%1: of which state?&lt;/b&gt;&lt;br&gt;Type part of the state&apos;s name or its two letters. This choice is made once for this profile.</source>
        <translation>&lt;b&gt;%1: of which state?&lt;/b&gt;&lt;br&gt;Type part of the state&apos;s name or its two letters. This choice is made once for this profile.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;%1&lt;/b&gt; sees what every level below it receives. This choice is made once for this profile.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; sees what every level below it receives. This choice is made once for this profile.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set up: %1</source>
        <translation>Set up: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Which municipality does this installation report for?&lt;/b&gt;&lt;br&gt;Type part of the name or the IBGE code. Accents and hyphens are not needed. This choice is made once for this profile.</source>
        <translation>&lt;b&gt;Which municipality does this installation report for?&lt;/b&gt;&lt;br&gt;Type part of the name or the IBGE code. Accents and hyphens are not needed. This choice is made once for this profile.</translation>
    </message>
    <message>
        <location line="-119"/>
        <location line="+122"/>
        <source>e.g. Sao Joao del Rei, Conego Marinho, 3106200</source>
        <translation>e.g. Sao Joao del Rei, Conego Marinho, 3106200</translation>
    </message>
    <message>
        <location line="-152"/>
        <source>Program</source>
        <translation>Program</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This installation is used by</source>
        <translation>This installation is used by</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+121"/>
        <source>Search municipality</source>
        <translation>Search municipality</translation>
    </message>
    <message>
        <location line="-118"/>
        <source>Municipalities found</source>
        <translation>Municipalities found</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+111"/>
        <source>Use this municipality</source>
        <translation>Use this municipality</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>e.g. Bahia, PE</source>
        <translation>e.g. Bahia, PE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search state</source>
        <translation>Search state</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use this state</source>
        <translation>Use this state</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&lt;b&gt;Which regional health unit (URS) is this?&lt;/b&gt;&lt;br&gt;Type part of its name. This choice is made once for this profile.</source>
        <translation>&lt;b&gt;Which regional health unit (URS) is this?&lt;/b&gt;&lt;br&gt;Type part of its name. This choice is made once for this profile.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. Barbacena, Manhuacu</source>
        <translation>e.g. Barbacena, Manhuacu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search URS</source>
        <translation>Search URS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use this URS</source>
        <translation>Use this URS</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>URS %1 — %n municipalities</source>
        <translation>
            <numerusform>URS %1 — %n municipalities</numerusform>
            <numerusform>URS %1 — %n municipalities</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 (IBGE %2) — URS %3</source>
        <translation>%1 (IBGE %2) — URS %3</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>&lt;b&gt;%1&lt;/b&gt; — %n municipalities.</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %n municipalities.</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %n municipalities.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No state matches &quot;%1&quot;. Check the spelling.</source>
        <translation>No state matches &quot;%1&quot;. Check the spelling.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No URS matches &quot;%1&quot;. Check the spelling.</source>
        <translation>No URS matches &quot;%1&quot;. Check the spelling.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No municipality of Minas Gerais matches &quot;%1&quot;. Check the spelling or type the 7-digit IBGE code.</source>
        <translation>No municipality of Minas Gerais matches &quot;%1&quot;. Check the spelling or type the 7-digit IBGE code.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt;b&gt;%1&lt;/b&gt; — regional health unit (URS): %2; health region: %3.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — regional health unit (URS): %2; health region: %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The URS of this municipality is being confirmed by SES-MG; it will be updated automatically with the reference table.</source>
        <translation>The URS of this municipality is being confirmed by SES-MG; it will be updated automatically with the reference table.</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::NoActionsPanel</name>
    <message>
        <location filename="../app/ui/editor/no_actions_panel.cpp" line="+21"/>
        <source>This month has no action yet</source>
        <translation>This month has no action yet</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Record each mobilization action of the month with at least one photo. Everything is saved as you type.</source>
        <translation>Record each mobilization action of the month with at least one photo. Everything is saved as you type.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add the first action (Ctrl+Shift+N)</source>
        <translation>Add the first action (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No actions this month</source>
        <translation>No actions this month</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A month without actions is also reported, so the region knows it was not forgotten. Mark it and explain why.</source>
        <translation>A month without actions is also reported, so the region knows it was not forgotten. Mark it and explain why.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Justification *</source>
        <translation>Justification *</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Justification for no actions this month</source>
        <translation>Justification for no actions this month</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1 characters</source>
        <translation>%1 characters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 characters — at least %2</source>
        <translation>%1 characters — at least %2</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::OptionalDateEdit</name>
    <message>
        <location filename="../app/ui/editor/optional_date_edit.cpp" line="+83"/>
        <source>dd/mm/yyyy</source>
        <extracomment>Placeholder of a date field: the format to type (dia/mês/ano).</extracomment>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose on a calendar (Alt+Down)</source>
        <extracomment>Button at the end of a date field.</extracomment>
        <translation>Choose on a calendar (Alt+Down)</translation>
    </message>
    <message>
        <location line="+138"/>
        <source>&quot;%1&quot; is not a date: type day, month and year as dd/mm/yyyy, for example 14/10/2026.</source>
        <extracomment>A date field holds something that is not a date (%1: what it holds).</extracomment>
        <translation>&quot;%1&quot; is not a date: type day, month and year as dd/mm/yyyy, for example 14/10/2026.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type the date as dd/mm/yyyy (the slashes come by themselves; the day alone takes the report&apos;s month) or choose it on the calendar (Alt+Down). Delete empties it.</source>
        <extracomment>Tooltip of a date field.</extracomment>
        <translation>Type the date as dd/mm/yyyy (the slashes come by themselves; the day alone takes the report&apos;s month) or choose it on the calendar (Alt+Down). Delete empties it.</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PanelDashboard</name>
    <message>
        <location filename="../app/ui/panel/panel_dashboard.cpp" line="+62"/>
        <source>The panel could not be computed: %1</source>
        <translation>The panel could not be computed: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the state&apos;s municipalities</source>
        <translation>the state&apos;s municipalities</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the municipalities of URS %1</source>
        <translation>the municipalities of URS %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actions, people reached and coverage of %1, from this computer&apos;s copy: it works offline.</source>
        <translation>Actions, people reached and coverage of %1, from this computer&apos;s copy: it works offline.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;From:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;To:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Municipality:</source>
        <translation>&amp;Municipality:</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>T&amp;heme:</source>
        <translation>T&amp;heme:</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Tar&amp;gets…</source>
        <translation>Tar&amp;gets…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The coverage and action targets every level measures against: edit and publish</source>
        <translation>The coverage and action targets every level measures against: edit and publish</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coverage and action targets the central level published</source>
        <translation>The coverage and action targets the central level published</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat:</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>actions</source>
        <translation>actions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>people reached</source>
        <translation>people reached</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>municipalities reported the last month</source>
        <translation>municipalities reported the last month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>of the reports sent on time</source>
        <translation>of the reports sent on time</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>active núcleos (an action in the last 3 months)</source>
        <translation>active núcleos (an action in the last 3 months)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Actions in the period</source>
        <translation>Actions in the period</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Months reported</source>
        <translation>Months reported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Colour the map by:</source>
        <translation>&amp;Colour the map by:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Each dot is a municipality&apos;s seat. Click one to see only it.</source>
        <translation>Each dot is a municipality&apos;s seat. Click one to see only it.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Export data (CSV)…</source>
        <translation>Export data (CSV)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One row per municipality and month of the selection, for Excel: whether it reported, actions and people reached. No partner&apos;s personal data.</source>
        <translation>One row per municipality and month of the selection, for Excel: whether it reported, actions and people reached. No partner&apos;s personal data.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export data (XLSX)…</source>
        <translation>Export data (XLSX)…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Municipalities by actions</source>
        <translation>Municipalities by actions</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Every theme</source>
        <translation>Every theme</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every format</source>
        <translation>Every format</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Every municipality (%1)</source>
        <translation>Every municipality (%1)</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>Include reports not yet accepted</source>
        <translation>Include reports not yet accepted</translation>
    </message>
    <message>
        <location line="-198"/>
        <source>&amp;Area:</source>
        <translation>&amp;Area:</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>&lt;b&gt;Municipalities&lt;/b&gt; — most actions first. Double-click a name to see only it, its actions to list them.</source>
        <translation>&lt;b&gt;Municipalities&lt;/b&gt; — most actions first. Double-click a name to see only it, its actions to list them.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Balanço mensal (PDF)…</source>
        <translation>Balanço mensal (PDF)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The figures and charts shown, the tables behind them and the active and new núcleos per URS, as a PDF to print or send.</source>
        <translation>The figures and charts shown, the tables behind them and the active and new núcleos per URS, as a PDF to print or send.</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>The whole state</source>
        <translation>The whole state</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The whole URS</source>
        <translation>The whole URS</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Also count the actions of reports received or in review. Returned reports never count.</source>
        <translation>Also count the actions of reports received or in review. Returned reports never count.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear filters</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../app/ui/panel/panel_dashboard_export.cpp" line="+56"/>
        <source>Save the Balanço mensal (PDF)</source>
        <translation>Save the Balanço mensal (PDF)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Balanço saved</source>
        <translation>Balanço saved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Balanço mensal was written to %1.</source>
        <translation>The Balanço mensal was written to %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Balanço not saved</source>
        <translation>Balanço not saved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Balanço mensal could not be written: %1</source>
        <translation>The Balanço mensal could not be written: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Minas Gerais</source>
        <translation>Minas Gerais</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URS %1</source>
        <translation>URS %1</translation>
    </message>
    <message>
        <location filename="../app/ui/panel/panel_dashboard.cpp" line="+189"/>
        <source>Updating the figures…</source>
        <translation>Updating the figures…</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Actions of reports received, in review, accepted, forwarded to the central level or consolidated</source>
        <translation>Actions of reports received, in review, accepted, forwarded to the central level or consolidated</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actions of reports accepted, forwarded to the central level or consolidated (those not yet accepted are left out)</source>
        <translation>Actions of reports accepted, forwarded to the central level or consolidated (those not yet accepted are left out)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1, %2 to %3%4. Changes (▲▼) against %5 to %6. Coverage counts every report sent, whatever its review.</source>
        <translation>%1, %2 to %3%4. Changes (▲▼) against %5 to %6. Coverage counts every report sent, whatever its review.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Actions by format</source>
        <translation>Actions by format</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actions by target audience</source>
        <translation>Actions by target audience</translation>
    </message>
    <message>
        <location filename="../app/ui/panel/panel_dashboard_lists.cpp" line="+18"/>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actions and people reached</source>
        <translation>Actions and people reached</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reports sent</source>
        <translation>Reports sent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Active núcleos</source>
        <translation>Active núcleos</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Actions of %1</source>
        <translation>Actions of %1</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PanelListDialog</name>
    <message>
        <location filename="../app/ui/panel/panel_list_dialog.cpp" line="+74"/>
        <source>Municipality</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URS</source>
        <translation>URS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IBGE</source>
        <translation>IBGE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Themes</source>
        <translation>Themes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format</source>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People reached</source>
        <translation>People reached</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent on</source>
        <translation>Sent on</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Action %1</source>
        <translation>Action %1</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reports</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actions of the last 3 months</source>
        <translation>Actions of the last 3 months</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Municipalities without actions</source>
        <translation>Municipalities without actions</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%Ln report(s)</source>
        <translation>
            <numerusform>%Ln report(s)</numerusform>
            <numerusform>%Ln report(s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln municipality(ies) without any counted action in the last 3 months</source>
        <translation>
            <numerusform>%Ln municipality(ies) without any counted action in the last 3 months</numerusform>
            <numerusform>%Ln municipality(ies) without any counted action in the last 3 months</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%Ln action(s)</source>
        <translation>
            <numerusform>%Ln action(s)</numerusform>
            <numerusform>%Ln action(s)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Counting…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These rows for Excel. No partner&apos;s personal data.</source>
        <translation>These rows for Excel. No partner&apos;s personal data.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Double-click a row to open its report.</source>
        <translation>Double-click a row to open its report.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The list could not be read: %1</source>
        <translation>The list could not be read: %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Export the list (CSV)</source>
        <translation>Export the list (CSV)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV for Excel (*.csv)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>List not exported</source>
        <translation>List not exported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The list could not be written: %1 Choose another folder and try again.</source>
        <translation>The list could not be written: %1 Choose another folder and try again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>List exported</source>
        <translation>List exported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The list was written to %1.</source>
        <translation>The list was written to %1.</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PanelPage</name>
    <message>
        <location filename="../app/ui/pages/panel_page.cpp" line="+62"/>
        <source>The panel could not be computed: %1</source>
        <translation>The panel could not be computed: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actions, people reached and months sent of %1, from the reports on this computer: it works offline.</source>
        <translation>Actions, people reached and months sent of %1, from the reports on this computer: it works offline.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this municipality</source>
        <translation>this municipality</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Every theme</source>
        <translation>Every theme</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every format</source>
        <translation>Every format</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Include reports not yet accepted by the URS (drafts too)</source>
        <translation>Include reports not yet accepted by the URS (drafts too)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unticked, only the reports the URS accepted count — what the URS and the state see.</source>
        <translation>Unticked, only the reports the URS accepted count — what the URS and the state see.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;From:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;To:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>T&amp;heme:</source>
        <translation>T&amp;heme:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat:</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>actions</source>
        <translation>actions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>people reached</source>
        <translation>people reached</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>months of the period sent to the URS</source>
        <translation>months of the period sent to the URS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>of the reports sent on time</source>
        <translation>of the reports sent on time</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sent to the URS</source>
        <translation>Sent to the URS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>People reached</source>
        <translation>People reached</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The months of the period</source>
        <translation>The months of the period</translation>
    </message>
    <message>
        <location line="+319"/>
        <source>Not started: double-click to start this month&apos;s report.</source>
        <translation>Not started: double-click to start this month&apos;s report.</translation>
    </message>
    <message>
        <location line="-299"/>
        <source>Export data (CSV)…</source>
        <translation>Export data (CSV)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One row per month of the selection, for Excel: whether it reached the URS, actions and people reached. No partner&apos;s personal data.</source>
        <translation>One row per month of the selection, for Excel: whether it reached the URS, actions and people reached. No partner&apos;s personal data.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export data (XLSX)…</source>
        <translation>Export data (XLSX)…</translation>
    </message>
    <message>
        <location line="+177"/>
        <source>Updating the figures…</source>
        <translation>Updating the figures…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>%1, %2 to %3%4. Changes (▲▼) against %5 to %6.</source>
        <translation>%1, %2 to %3%4. Changes (▲▼) against %5 to %6.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every action recorded, drafts and reports not yet accepted included</source>
        <translation>Every action recorded, drafts and reports not yet accepted included</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actions of the reports the URS accepted (as the URS and the state count them)</source>
        <translation>Actions of the reports the URS accepted (as the URS and the state count them)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Actions by format</source>
        <translation>Actions by format</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actions by target audience</source>
        <translation>Actions by target audience</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Not sent — due %1, late</source>
        <translation>Not sent — due %1, late</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not sent yet — due %1</source>
        <translation>Not sent yet — due %1</translation>
    </message>
    <message>
        <location line="-303"/>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Double-click a month (or press Enter) to open its report, or to start it.</source>
        <translation>Double-click a month (or press Enter) to open its report, or to start it.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&lt;b&gt;Month by month&lt;/b&gt; — newest first. Double-click a month to open its report (or to start one not started yet).</source>
        <translation>&lt;b&gt;Month by month&lt;/b&gt; — newest first. Double-click a month to open its report (or to start one not started yet).</translation>
    </message>
    <message>
        <location line="+179"/>
        <source>This profile has no municipality yet: close Mobiliza and open it again to choose it.</source>
        <translation>This profile has no municipality yet: close Mobiliza and open it again to choose it.</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>not started</source>
        <translation>not started</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PanelRankingModel</name>
    <message>
        <location filename="../app/ui/panel/panel_ranking_model.cpp" line="+61"/>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Municipality</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>People reached</source>
        <translation>People reached</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Months reported</source>
        <translation>Months reported</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PanelTile</name>
    <message>
        <location filename="../app/ui/panel/panel_tiles.cpp" line="+22"/>
        <source>Click to see the list</source>
        <translation>Click to see the list</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Target for the period: %1 — %2 % reached</source>
        <translation>Target for the period: %1 — %2 % reached</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Target for the period: %1</source>
        <translation>Target for the period: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The yearly action target set by the central level, in proportion to the months shown.</source>
        <translation>The yearly action target set by the central level, in proportion to the months shown.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Compared with the previous period of the same length.</source>
        <translation>Compared with the previous period of the same length.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+29"/>
        <source>%1 against the previous period</source>
        <translation>%1 against the previous period</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>%1 (%2 %) against the previous period</source>
        <translation>%1 (%2 %) against the previous period</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>nothing to compare with</source>
        <translation>nothing to compare with</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 p.p. against the previous period</source>
        <translation>%1 p.p. against the previous period</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+10"/>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 against %2</source>
        <translation>%1 against %2</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PartnerEditorDialog</name>
    <message>
        <location filename="../app/ui/partners/partner_editor_dialog.cpp" line="+58"/>
        <source>New partner</source>
        <translation>New partner</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Partner: %1</source>
        <translation>Partner: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Kind</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Governmental (public body)</source>
        <translation>&amp;Governmental (public body)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Formally constituted</source>
        <translation>&amp;Formally constituted</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not informed</source>
        <translation>Not informed</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sec&amp;tor</source>
        <translation>Sec&amp;tor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name (required)</source>
        <translation>&amp;Name (required)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Collect only what is needed: the document, phones and e-mail are optional.</source>
        <translation>Collect only what is needed: the document, phones and e-mail are optional.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Identification</source>
        <translation>Identification</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Contact person</source>
        <translation>&amp;Contact person</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Role</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Add another phone</source>
        <translation>&amp;Add another phone</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>P&amp;hone</source>
        <translation>P&amp;hone</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>name@provider.com.br</source>
        <translation>name@provider.com.br</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A&amp;ddress</source>
        <translation>A&amp;ddress</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CE&amp;P</source>
        <translation>CE&amp;P</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Municipality</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Municipality</source>
        <translation>&amp;Municipality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>S&amp;tage</source>
        <translation>S&amp;tage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stage history</source>
        <translation>Stage history</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mapped → sensitized → active partnership → inactive. A change of stage is recorded with today&apos;s date when you save.</source>
        <translation>Mapped → sensitized → active partnership → inactive. A change of stage is recorded with today&apos;s date when you save.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>LGPD (Lei 13.709/2018): record whether the partner agreed to receive campaigns and digital pieces, when, how and for what. Consent can be revoked at any time.</source>
        <translation>LGPD (Lei 13.709/2018): record whether the partner agreed to receive campaigns and digital pieces, when, how and for what. Consent can be revoked at any time.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The partner &amp;agreed to receive communications</source>
        <translation>The partner &amp;agreed to receive communications</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Date</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>In person</source>
        <translation>In person</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paper form</source>
        <translation>Paper form</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone call</source>
        <translation>Phone call</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hannel</source>
        <translation>C&amp;hannel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receive campaigns and digital pieces of the health secretariat</source>
        <translation>Receive campaigns and digital pieces of the health secretariat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;urpose</source>
        <translation>P&amp;urpose</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Revoke consent</source>
        <translation>&amp;Revoke consent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Consent (LGPD)</source>
        <translation>Consent (LGPD)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+3"/>
        <source>Actions the partner took part in</source>
        <translation>Actions the partner took part in</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>N&amp;otes</source>
        <translation>N&amp;otes</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Actions and notes</source>
        <translation>Actions and notes</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>Actions appear here once the partner is linked to them in a report.</source>
        <translation>Actions appear here once the partner is linked to them in a report.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No action linked to this partner yet. Link partners to actions in the report editor.</source>
        <translation>No action linked to this partner yet. Link partners to actions in the report editor.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Phone %1</source>
        <translation>Phone %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>C&amp;PF</source>
        <translation>C&amp;PF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CPF</source>
        <translation>CPF</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CNP&amp;J</source>
        <translation>CNP&amp;J</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CNPJ</source>
        <translation>CNPJ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>CPF or CNP&amp;J</source>
        <translation>CPF or CNP&amp;J</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>when there is one</source>
        <translation>when there is one</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPF or CNPJ</source>
        <translation>CPF or CNPJ</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 — %2 (recorded when you save)</source>
        <translation>%1 — %2 (recorded when you save)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Consent revoked on %1. Do not send communications to this partner.</source>
        <translation>Consent revoked on %1. Do not send communications to this partner.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Consent in force since %1.</source>
        <translation>Consent in force since %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No consent recorded: do not send campaigns or digital pieces to this partner.</source>
        <translation>No consent recorded: do not send campaigns or digital pieces to this partner.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Type the partner&apos;s name: it is the only required field.</source>
        <translation>Type the partner&apos;s name: it is the only required field.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>“%1” is not a valid e-mail address. Type it as name@provider.com.br, or leave the field empty.</source>
        <translation>“%1” is not a valid e-mail address. Type it as name@provider.com.br, or leave the field empty.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>“%1” is not a municipality of the reference table. Type part of the name and choose it from the list.</source>
        <translation>“%1” is not a municipality of the reference table. Type part of the name and choose it from the list.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Type the date the partner gave consent (dd/mm/yyyy).</source>
        <translation>Type the date the partner gave consent (dd/mm/yyyy).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The consent date %1 is in the future. Type the day the partner agreed.</source>
        <translation>The consent date %1 is in the future. Type the day the partner agreed.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The partner was not saved: correct the fields marked in red and save again.</source>
        <translation>The partner was not saved: correct the fields marked in red and save again.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The partner was not saved: %1 What you typed is still here; try again.</source>
        <translation>The partner was not saved: %1 What you typed is still here; try again.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Discard changes?</source>
        <translation>Discard changes?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What you typed about this partner has not been saved. Close and discard it?</source>
        <translation>What you typed about this partner has not been saved. Close and discard it?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard</source>
        <translation>Discard</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PartnerListModel</name>
    <message>
        <location filename="../app/ui/models/partner_list_model.cpp" line="+87"/>
        <source>%1 (+%2)</source>
        <translation>%1 (+%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Consent revoked on %1</source>
        <translation>Consent revoked on %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Municipality</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent</source>
        <translation>Consent</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PartnersEditor</name>
    <message>
        <location filename="../app/ui/editor/field_editors.cpp" line="+67"/>
        <source>No partner in the register yet. Add them in Partners (Ctrl+2); they will appear here to be linked to the action.</source>
        <translation>No partner in the register yet. Add them in Partners (Ctrl+2); they will appear here to be linked to the action.</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PartnersPage</name>
    <message>
        <location filename="../app/ui/pages/partners_page.cpp" line="+43"/>
        <source>Health partners</source>
        <translation>Health partners</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People, organizations and groups that work with the health secretariat on mobilization: mapped, sensitized, active or inactive.</source>
        <translation>People, organizations and groups that work with the health secretariat on mobilization: mapped, sensitized, active or inactive.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Search by name, contact, sector or municipality</source>
        <translation>Search by name, contact, sector or municipality</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search partners</source>
        <translation>Search partners</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Filter by kind</source>
        <translation>Filter by kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All kinds</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Filter by sector</source>
        <translation>Filter by sector</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All sectors</source>
        <translation>All sectors</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Filter by stage</source>
        <translation>Filter by stage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All stages</source>
        <translation>All stages</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Filter by municipality</source>
        <translation>Filter by municipality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All municipalities</source>
        <translation>All municipalities</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Partners</source>
        <translation>Partners</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;New partner</source>
        <translation>&amp;New partner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register a new partner (Ctrl+N)</source>
        <translation>Register a new partner (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the selected partner (Enter)</source>
        <translation>Open the selected partner (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport person&apos;s data…</source>
        <translation>E&amp;xport person&apos;s data…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save everything held about the selected partner to a file (LGPD right of access)</source>
        <translation>Save everything held about the selected partner to a file (LGPD right of access)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erase data (&amp;LGPD)…</source>
        <translation>Erase data (&amp;LGPD)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erase the selected partner and everything held about them (Delete)</source>
        <translation>Erase the selected partner and everything held about them (Delete)</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>No partner yet</source>
        <translation>No partner yet</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n partner(s)</source>
        <translation>
            <numerusform>%n partner(s)</numerusform>
            <numerusform>%n partner(s)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 partners</source>
        <translation>%1 of %2 partners</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Partner not opened</source>
        <translation>Partner not opened</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+30"/>
        <source>Export not made</source>
        <translation>Export not made</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Export the data of “%1”</source>
        <translation>Export the data of “%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON file (*.json)</source>
        <translation>JSON file (*.json)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The file %1 could not be written (%2). Choose another folder, such as Documents, and try again.</source>
        <translation>The file %1 could not be written (%2). Choose another folder, such as Documents, and try again.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Data exported</source>
        <translation>Data exported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything held about “%1” was saved to %2 (to read or print) and %3 (for other programs). The files hold personal data: hand them only to the person, and delete other copies.</source>
        <translation>Everything held about “%1” was saved to %2 (to read or print) and %3 (for other programs). The files hold personal data: hand them only to the person, and delete other copies.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Erase everything held about “%1”: identification, documents, contacts, consent and stage history? This cannot be undone.</source>
        <translation>Erase everything held about “%1”: identification, documents, contacts, consent and stage history? This cannot be undone.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The partner will also be removed from the actions it took part in (links: %1); the actions themselves stay.</source>
        <translation>The partner will also be removed from the actions it took part in (links: %1); the actions themselves stay.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>If the person asked for a copy, export the data first.</source>
        <translation>If the person asked for a copy, export the data first.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erase partner data (LGPD)</source>
        <translation>Erase partner data (LGPD)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Erase data</source>
        <translation>Erase data</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Data erased, except in one backup copy</source>
        <translation>Data erased, except in one backup copy</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Data not erased</source>
        <translation>Data not erased</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PartnersRegionModel</name>
    <message>
        <location filename="../app/ui/regional/partners_region_model.cpp" line="+37"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes (%1)</source>
        <translation>Yes (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 — CNPJ %2</source>
        <translation>%1 — CNPJ %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Municipality</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sector</source>
        <translation>Sector</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent</source>
        <translation>Consent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>Updated</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PartnersRegionPage</name>
    <message>
        <location filename="../app/ui/regional/partners_region_page.cpp" line="+49"/>
        <location line="+61"/>
        <source>Partners of the region</source>
        <translation>Partners of the region</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>The partners of the URS&apos;s municipalities, as each municipality registers them. Read only, and without personal contacts (LGPD): they come with each synchronization.</source>
        <translation>The partners of the URS&apos;s municipalities, as each municipality registers them. Read only, and without personal contacts (LGPD): they come with each synchronization.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Search by name, municipality, sector or CNPJ</source>
        <translation>Search by name, municipality, sector or CNPJ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search the partners of the region</source>
        <translation>Search the partners of the region</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Filter by municipality</source>
        <translation>Filter by municipality</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All municipalities</source>
        <translation>All municipalities</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by kind</source>
        <translation>Filter by kind</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All kinds</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Filter by sector</source>
        <translation>Filter by sector</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All sectors</source>
        <translation>All sectors</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Filter by stage</source>
        <translation>Filter by stage</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All stages</source>
        <translation>All stages</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Spreadsheets of the list as filtered, for Excel, with the municipality and without personal contacts.</source>
        <translation>Spreadsheets of the list as filtered, for Excel, with the municipality and without personal contacts.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A CSV file for Excel (pt-BR) of the partners shown</source>
        <translation>A CSV file for Excel (pt-BR) of the partners shown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export XLSX…</source>
        <translation>Export XLSX…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An Excel workbook of the partners shown</source>
        <translation>An Excel workbook of the partners shown</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>The partners could not be read: %1</source>
        <translation>The partners could not be read: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+38"/>
        <source>%1 (of %n in the region)</source>
        <translation>
            <numerusform>%1 (of %n in the region)</numerusform>
            <numerusform>%1 (of %n in the region)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No partners have arrived yet. Synchronize to receive the partners of the municipalities (Synchronization page); each municipality&apos;s register comes without personal contacts.</source>
        <translation>No partners have arrived yet. Synchronize to receive the partners of the municipalities (Synchronization page); each municipality&apos;s register comes without personal contacts.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No partner matches these filters. Clear the search or choose “All” in the lists.</source>
        <translation>No partner matches these filters. Clear the search or choose “All” in the lists.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Export the partners of the region (XLSX)</source>
        <translation>Export the partners of the region (XLSX)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the partners of the region (CSV)</source>
        <translation>Export the partners of the region (CSV)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV for Excel (*.csv)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The file was not written: %1 Choose another folder, such as Documents, and try again.</source>
        <translation>The file was not written: %1 Choose another folder, such as Documents, and try again.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n partner(s) saved to %1.</source>
        <translation>
            <numerusform>%n partner(s) saved to %1.</numerusform>
            <numerusform>%n partner(s) saved to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PdfPreviewDialog</name>
    <message>
        <location filename="../app/ui/pages/pdf_preview_dialog.cpp" line="+20"/>
        <source>Drawing the pages…</source>
        <translation>Drawing the pages…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Save the PDF…</source>
        <translation>Save the PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save this report as the official PDF, to read or print.</source>
        <translation>Save this report as the official PDF, to read or print.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The pages could not be drawn: %1</source>
        <translation>The pages could not be drawn: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Page %1 of %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n page(s), exactly as in the official PDF the URS receives.</source>
        <translation>
            <numerusform>%n page(s), exactly as in the official PDF the URS receives.</numerusform>
            <numerusform>%n page(s), exactly as in the official PDF the URS receives.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PhotoCanvas</name>
    <message>
        <location filename="../app/ui/regional/photo_viewer.cpp" line="+99"/>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PhotoCard</name>
    <message>
        <location filename="../app/ui/editor/photo_card.cpp" line="+86"/>
        <source>Loading…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Move the photo earlier (Alt+Left)</source>
        <translation>Move the photo earlier (Alt+Left)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the photo later (Alt+Right)</source>
        <translation>Move the photo later (Alt+Right)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the photo from the action (Ctrl+Z undoes)</source>
        <translation>Remove the photo from the action (Ctrl+Z undoes)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>What the photo shows</source>
        <translation>What the photo shows</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Caption</source>
        <translation>Caption</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Caption *</source>
        <translation>Caption *</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date of the photo</source>
        <translation>Date of the photo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who took it</source>
        <translation>Who took it</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author of the photo</source>
        <translation>Author of the photo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author</source>
        <translation>Author</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Identifiable people?</source>
        <translation>Identifiable people?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark when someone can be recognised in the photo (LGPD).</source>
        <translation>Mark when someone can be recognised in the photo (LGPD).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Image-use authorization on file?</source>
        <translation>Image-use authorization on file?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark when the signed image-use authorization is filed (a guardian&apos;s for children).</source>
        <translation>Mark when the signed image-use authorization is filed (a guardian&apos;s for children).</translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+1"/>
        <location line="+48"/>
        <source>Photo %1</source>
        <translation>Photo %1</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>%1 × %2 px</source>
        <translation>%1 × %2 px</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Note of the URS on photo %1</source>
        <translation>Note of the URS on photo %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Photo %1 · URS note</source>
        <translation>Photo %1 · URS note</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Preview unavailable</source>
        <translation>Preview unavailable</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PhotoStrip</name>
    <message>
        <location filename="../app/ui/editor/photo_strip.cpp" line="+49"/>
        <source>Photos of the action</source>
        <translation>Photos of the action</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Add photos…</source>
        <translation>Add photos…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose one or more photos (Ctrl+Shift+F), or drag the files here.</source>
        <translation>Choose one or more photos (Ctrl+Shift+F), or drag the files here.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>or drag the files here</source>
        <translation>or drag the files here</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop importing; the photos already imported stay in the action.</source>
        <translation>Stop importing; the photos already imported stay in the action.</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Photos (%1)</source>
        <translation>Photos (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No photo yet. Every action needs at least one photo as proof: click “Add photos…” or drag the files here.</source>
        <translation>No photo yet. Every action needs at least one photo as proof: click “Add photos…” or drag the files here.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No photo.</source>
        <translation>No photo.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Importing photos: %1 of %2</source>
        <translation>Importing photos: %1 of %2</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PhotoViewer</name>
    <message>
        <location filename="../app/ui/regional/photo_viewer.cpp" line="+141"/>
        <source>Previous</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous photo (←)</source>
        <translation>Previous photo (←)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next photo (→)</source>
        <translation>Next photo (→)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Zoom out (−)</source>
        <translation>Zoom out (−)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Zoom in (+ or the mouse wheel)</source>
        <translation>Zoom in (+ or the mouse wheel)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom in</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fit</source>
        <translation>Fit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the whole photo (0)</source>
        <translation>Show the whole photo (0)</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>No photo</source>
        <translation>No photo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This report has no photos.</source>
        <translation>This report has no photos.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Photo %1 of %2</source>
        <translation>Photo %1 of %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Photo %1 (no caption)</source>
        <translation>Photo %1 (no caption)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photo %1 — %2</source>
        <translation>Photo %1 — %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action %1</source>
        <translation>Action %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Author: %1</source>
        <translation>Author: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identifiable people: %1 · Image-use authorization on file: %2</source>
        <translation>Identifiable people: %1 · Image-use authorization on file: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Identifiable people and no image-use authorization on file: the municipality should file the authorization or replace the photo.</source>
        <translation>Identifiable people and no image-use authorization on file: the municipality should file the authorization or replace the photo.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Photo not received yet — synchronize</source>
        <translation>Photo not received yet — synchronize</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This photo could not be read (%1). Synchronize again; if it repeats, ask the municipality to send the report again.</source>
        <translation>This photo could not be read (%1). Synchronize again; if it repeats, ask the municipality to send the report again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loading the photo…</source>
        <translation>Loading the photo…</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::ProgramPanelPage</name>
    <message>
        <location filename="../app/ui/panel/program_panel_page.cpp" line="+71"/>
        <source>Panel</source>
        <translation>Panel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The apoio actions of every COSEMS, from this computer&apos;s copy: it works offline. Choose a state to see only its actions and its map.</source>
        <translation>The apoio actions of every COSEMS, from this computer&apos;s copy: it works offline. Choose a state to see only its actions and its map.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The apoio actions of the apoiadores of %1, from this computer&apos;s copy: it works offline.</source>
        <translation>The apoio actions of the apoiadores of %1, from this computer&apos;s copy: it works offline.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Also count the reports not reviewed yet</source>
        <translation>Also count the reports not reviewed yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Without this, only the reports the coordination accepted count. A returned report never counts.</source>
        <translation>Without this, only the reports the coordination accepted count. A returned report never counts.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;From:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;To:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every state</source>
        <translation>Every state</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;State:</source>
        <translation>&amp;State:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export data (CSV)…</source>
        <translation>Export data (CSV)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export data (XLSX)…</source>
        <translation>Export data (XLSX)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every figure of the panel as a row, with the program&apos;s labels beside the codes, and each municipality supported. No one&apos;s personal data.</source>
        <translation>Every figure of the panel as a row, with the program&apos;s labels beside the codes, and each municipality supported. No one&apos;s personal data.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>apoio actions</source>
        <translation>apoio actions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>participants</source>
        <translation>participants</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>municipalities supported</source>
        <translation>municipalities supported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>apoiadores with actions counted</source>
        <translation>apoiadores with actions counted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>follow-ups late</source>
        <translation>follow-ups late</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Fi&amp;gures</source>
        <translation>Fi&amp;gures</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Te&amp;xts</source>
        <translation>Te&amp;xts</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Brazil</source>
        <translation>Brazil</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Counting…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The panel could not be computed: %1</source>
        <translation>The panel could not be computed: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+86"/>
        <source>Not said</source>
        <translation>Not said</translation>
    </message>
    <message numerus="yes">
        <location line="-68"/>
        <source>%n report(s) of the period have not arrived whole yet: the figures may grow at the next synchronization.</source>
        <translation>
            <numerusform>%n report(s) of the period have not arrived whole yet: the figures may grow at the next synchronization.</numerusform>
            <numerusform>%n report(s) of the period have not arrived whole yet: the figures may grow at the next synchronization.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 to %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1, %2: %3. Changes against the %n quadrimestre(s) before.</source>
        <translation>
            <numerusform>%1, %2: %3. Changes against the %n quadrimestre(s) before.</numerusform>
            <numerusform>%1, %2: %3. Changes against the %n quadrimestre(s) before.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reports accepted and those still to review</source>
        <translation>reports accepted and those still to review</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reports accepted by the coordination</source>
        <translation>reports accepted by the coordination</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Apoio actions per quadrimestre</source>
        <translation>Apoio actions per quadrimestre</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Follow-ups (encaminhamentos)</source>
        <translation>Follow-ups (encaminhamentos)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open, within the date</source>
        <translation>Open, within the date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Late</source>
        <translation>Late</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Actions by %1</source>
        <translation>Actions by %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 against the reference</source>
        <translation>%1 against the reference</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Participants by role (%1 in all)</source>
        <translation>Participants by role (%1 in all)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not broken down</source>
        <translation>Not broken down</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Actions by state</source>
        <translation>Actions by state</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Municipalities supported — %1: %2 of %3</source>
        <translation>Municipalities supported — %1: %2 of %3</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Export the panel&apos;s data</source>
        <translation>Export the panel&apos;s data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV file (*.csv)</source>
        <translation>CSV file (*.csv)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Data exported</source>
        <translation>Data exported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The panel&apos;s data was written to %1.</source>
        <translation>The panel&apos;s data was written to %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data not exported</source>
        <translation>Data not exported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The panel&apos;s data could not be written: %1</source>
        <translation>The panel&apos;s data could not be written: %1</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::ReportEditorPage</name>
    <message>
        <location filename="../app/ui/editor/report_editor_edits.cpp" line="+40"/>
        <location line="+314"/>
        <location filename="../app/ui/editor/report_editor_notes.cpp" line="+109"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="-277"/>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>Add an action</source>
        <translation>Add an action</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove %1 from the report?</source>
        <translation>Remove %1 from the report?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove %1 and its %2 photo(s) from the report?</source>
        <translation>Remove %1 and its %2 photo(s) from the report?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the action</source>
        <translation>Remove the action</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+48"/>
        <source>Ctrl+Z brings it back.</source>
        <translation>Ctrl+Z brings it back.</translation>
    </message>
    <message>
        <location line="-48"/>
        <location line="+48"/>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Photo %1</source>
        <translation>Photo %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove %1 from the action?</source>
        <translation>Remove %1 from the action?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove %1 (&quot;%2&quot;) from the action?</source>
        <translation>Remove %1 (&quot;%2&quot;) from the action?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the photo</source>
        <translation>Remove the photo</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Add photos to %1 %2</source>
        <translation>Add photos to %1 %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Add an action first; the photos go into the action shown.</source>
        <translation>Add an action first; the photos go into the action shown.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Photos are still being imported. Wait until they finish, or cancel, then add more.</source>
        <translation>Photos are still being imported. Wait until they finish, or cancel, then add more.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Import cancelled: %1 of %2 photo(s) added.</source>
        <translation>Import cancelled: %1 of %2 photo(s) added.</translation>
    </message>
    <message>
        <location filename="../app/ui/editor/report_editor_lifecycle.cpp" line="+55"/>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Report of %1</source>
        <translation>Report of %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Report of the %1</source>
        <extracomment>A quadrimestre&apos;s report: &quot;Relatório do 3º quadrimestre de 2026&quot;.</extracomment>
        <translation>Report of the %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 · revision %2 · due %3</source>
        <translation>%1 · revision %2 · due %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> — late</source>
        <translation> — late</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Fix the problems listed under “Before concluding” first (Ctrl+Enter).</source>
        <translation>Fix the problems listed under “Before concluding” first (Ctrl+Enter).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock the month into a revision and put it in the outbox (Ctrl+Enter).</source>
        <translation>Lock the month into a revision and put it in the outbox (Ctrl+Enter).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Correcting revision %1. The URS returned the report with this comment: “%2”</source>
        <translation>Correcting revision %1. The URS returned the report with this comment: “%2”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Correcting revision %1. %2 returned the report with this comment: “%3”</source>
        <extracomment>%2 is who reviews, as the program names it: &quot;Coordenação do COSEMS&quot;.</extracomment>
        <translation>Correcting revision %1. %2 returned the report with this comment: “%3”</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Report concluded — revision %1, in the outbox waiting to be sent. It can no longer be edited; to change something, reopen it before it is sent.</source>
        <translation>Report concluded — revision %1, in the outbox waiting to be sent. It can no longer be edited; to change something, reopen it before it is sent.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reopen for editing</source>
        <translation>Reopen for editing</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Report concluded — revision %1 is being sent to the URS.</source>
        <translation>Report concluded — revision %1 is being sent to the URS.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report concluded — revision %1 is being sent to %2.</source>
        <translation>Report concluded — revision %1 is being sent to %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The URS returned revision %1 for correction. Reviewer&apos;s comment: “%2”</source>
        <translation>The URS returned revision %1 for correction. Reviewer&apos;s comment: “%2”</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+3"/>
        <source>(no comment)</source>
        <translation>(no comment)</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>%1 returned revision %2 for correction. Reviewer&apos;s comment: “%3”</source>
        <translation>%1 returned revision %2 for correction. Reviewer&apos;s comment: “%3”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Correct it (revision %1)</source>
        <translation>Correct it (revision %1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Report sent — revision %1: %2. It can no longer be edited.</source>
        <translation>Report sent — revision %1: %2. It can no longer be edited.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Wait until the photos finish importing, then conclude.</source>
        <translation>Wait until the photos finish importing, then conclude.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The report cannot be concluded yet: fix the problems listed under “Before concluding”.</source>
        <translation>The report cannot be concluded yet: fix the problems listed under “Before concluding”.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+13"/>
        <source>Conclude the report</source>
        <translation>Conclude the report</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Nothing changed since revision %1, which the URS returned with this comment: “%2”

Conclude it anyway? The URS will see that nothing changed.</source>
        <translation>Nothing changed since revision %1, which the URS returned with this comment: “%2”

Conclude it anyway? The URS will see that nothing changed.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing changed since revision %1, which %2 returned with this comment: “%3”

Conclude it anyway? %2 will see that nothing changed.</source>
        <translation>Nothing changed since revision %1, which %2 returned with this comment: “%3”

Conclude it anyway? %2 will see that nothing changed.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Conclude anyway</source>
        <translation>Conclude anyway</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Conclude the report of %1 as revision %2?

It will be locked and put in the outbox to be sent to the URS. Until it is sent, you can still reopen it for editing.</source>
        <translation>Conclude the report of %1 as revision %2?

It will be locked and put in the outbox to be sent to the URS. Until it is sent, you can still reopen it for editing.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Conclude the report of %1 as revision %2?

It will be locked and put in the outbox to be sent to %3. Until it is sent, you can still reopen it for editing.</source>
        <translation>Conclude the report of %1 as revision %2?

It will be locked and put in the outbox to be sent to %3. Until it is sent, you can still reopen it for editing.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../app/ui/editor/report_editor_page.cpp" line="+253"/>
        <source>Conclude</source>
        <translation>Conclude</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The report was not concluded</source>
        <translation>The report was not concluded</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Reopen the report of %1 for editing?

It leaves the outbox and goes back to draft. Conclude it again when you are done.</source>
        <translation>Reopen the report of %1 for editing?

It leaves the outbox and goes back to draft. Conclude it again when you are done.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reopen</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Correct the report of %1?

Revision %2 is started from the returned one. Conclude it again when you are done.</source>
        <translation>Correct the report of %1?

Revision %2 is started from the returned one. Conclude it again when you are done.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Correct</source>
        <translation>Correct</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit the report again</source>
        <translation>Edit the report again</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The report was not reopened</source>
        <translation>The report was not reopened</translation>
    </message>
    <message>
        <location filename="../app/ui/editor/report_editor_page.cpp" line="-166"/>
        <source>Undo: %1 (Ctrl+Z)</source>
        <translation>Undo: %1 (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redo: %1 (Ctrl+Shift+Z)</source>
        <translation>Redo: %1 (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>See the pages</source>
        <translation>See the pages</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The pages of the official PDF, as the URS will see them.</source>
        <translation>The pages of the official PDF, as the URS will see them.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Go to the photos of this action (Ctrl+Shift+F adds photos)</source>
        <translation>Go to the photos of this action (Ctrl+Shift+F adds photos)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No report is open. Choose a month in Reports, or create the report of the current month there.</source>
        <translation>No report is open. Choose a month in Reports, or create the report of the current month there.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>← Reports</source>
        <translation>← Reports</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back to the list of monthly reports (everything is saved)</source>
        <translation>Back to the list of monthly reports (everything is saved)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Undo (Ctrl+Z)</source>
        <translation>Undo (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>Redo (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>PDF and files</source>
        <translation>PDF and files</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This report&apos;s official PDF (to read or print), its actions as CSV or XLSX, or a package for a USB stick.</source>
        <translation>This report&apos;s official PDF (to read or print), its actions as CSV or XLSX, or a package for a USB stick.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Actions of the report</source>
        <translation>Actions of the report</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New action</source>
        <translation>New action</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add an action (Ctrl+Shift+N)</source>
        <translation>Add an action (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the action up (Alt+Up)</source>
        <translation>Move the action up (Alt+Up)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the action down (Alt+Down)</source>
        <translation>Move the action down (Alt+Down)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the action (Delete)</source>
        <translation>Remove the action (Delete)</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Everything is saved</source>
        <translation>Everything is saved</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Photos: none yet</source>
        <translation>Photos: none yet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Photos (%1)</source>
        <translation>Photos (%1)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Saved at %1</source>
        <translation>Saved at %1</translation>
    </message>
    <message>
        <location filename="../app/ui/editor/report_editor_notes.cpp" line="-54"/>
        <source>URS</source>
        <translation>URS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>URS (%1)</source>
        <translation>URS (%1)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Notes from %1:</source>
        <extracomment>Banner, before the URS&apos;s notes on the report as a whole. %1: &quot;URS (Maria)&quot;</extracomment>
        <translation>Notes from %1:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Photo %1: %2</source>
        <translation>Photo %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A photo removed since: %1</source>
        <translation>A photo removed since: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 noted on this action:</source>
        <translation>%1 noted on this action:</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::ReportListModel</name>
    <message>
        <location filename="../app/ui/models/report_list_model.cpp" line="+27"/>
        <source>%1 %2</source>
        <extracomment>Month title, e.g. &quot;November 2026&quot;; %1 is the month name, %2 the year.</extracomment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready — in the outbox</source>
        <translation>Ready — in the outbox</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sent — received by the URS</source>
        <translation>Sent — received by the URS</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sent — received by %1</source>
        <translation>Sent — received by %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accepted by the URS</source>
        <translation>Accepted by the URS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted by %1</source>
        <translation>Accepted by %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned for correction</source>
        <translation>Returned for correction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted — forwarded to the central level</source>
        <translation>Accepted — forwarded to the central level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted — consolidated</source>
        <translation>Accepted — consolidated</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>%1: “%2”</source>
        <translation>%1: “%2”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draft — correcting revision %1</source>
        <translation>Draft — correcting revision %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none (justified)</source>
        <translation>none (justified)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 — late</source>
        <translation>%1 — late</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reviewer&apos;s comment: %1</source>
        <translation>Reviewer&apos;s comment: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The deadline has passed and the report has not reached the URS yet: it is sent as soon as there is a connection (Synchronization page).</source>
        <translation>The deadline has passed and the report has not reached the URS yet: it is sent as soon as there is a connection (Synchronization page).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The deadline has passed and the report has not reached %1 yet: it is sent as soon as there is a connection (Synchronization page).</source>
        <translation>The deadline has passed and the report has not reached %1 yet: it is sent as soon as there is a connection (Synchronization page).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The deadline has passed. Late reports are still accepted: conclude it as soon as you can.</source>
        <translation>The deadline has passed. Late reports are still accepted: conclude it as soon as you can.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter or double-click opens the report</source>
        <translation>Enter or double-click opens the report</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Report of %1, %2</source>
        <translation>Report of %1, %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Report of the %1, %2</source>
        <translation>Report of the %1, %2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quadrimestre</source>
        <translation>Quadrimestre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last change</source>
        <translation>Last change</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::ReportOutputs</name>
    <message>
        <location filename="../app/ui/pages/report_outputs.cpp" line="+27"/>
        <source>Official PDF…</source>
        <translation>Official PDF…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the actions (CSV)…</source>
        <translation>Export the actions (CSV)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the actions (XLSX, Excel)…</source>
        <translation>Export the actions (XLSX, Excel)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save a package for a USB stick…</source>
        <translation>Save a package for a USB stick…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>See the pages (as the URS will see them)</source>
        <translation>See the pages (as the URS will see them)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The pages of the official PDF, drawn here without saving a file.</source>
        <translation>The pages of the official PDF, drawn here without saving a file.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The report as the URS files it: save it, then open it to read or print.</source>
        <translation>The report as the URS files it: save it, then open it to read or print.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One row per action, for a spreadsheet, Power BI or any program that reads CSV.</source>
        <translation>One row per action, for a spreadsheet, Power BI or any program that reads CSV.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One row per action, as an Excel workbook.</source>
        <translation>One row per action, as an Excel workbook.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>See the pages</source>
        <translation>See the pages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The report could not be read: %1</source>
        <translation>The report could not be read: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 — as the URS will see it</source>
        <translation>%1 — as the URS will see it</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The concluded report with its photos in one file, for the URS when there is no internet: it is checked there as if it had been sent.</source>
        <translation>The concluded report with its photos in one file, for the URS when there is no internet: it is checked there as if it had been sent.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Conclude the report first: a package carries a concluded report.</source>
        <translation>Conclude the report first: a package carries a concluded report.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Official PDF of %1</source>
        <translation>Official PDF of %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Actions of %1</source>
        <translation>Actions of %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Package of %1</source>
        <translation>Package of %1</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>PDF document (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CSV for spreadsheets (*.csv)</source>
        <translation>CSV for spreadsheets (*.csv)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Report package (*.mobiliza)</source>
        <translation>Report package (*.mobiliza)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The file was not written: %1</source>
        <translation>The file was not written: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Writing the package with its photos…</source>
        <translation>Writing the package with its photos…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing the file…</source>
        <translation>Writing the file…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The file was not written: %1 Choose another folder, such as Documents, and try again.</source>
        <translation>The file was not written: %1 Choose another folder, such as Documents, and try again.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The package was saved to %1. Take this file to the URS (a USB stick will do): it is checked there as if it had been sent over the internet.</source>
        <translation>The package was saved to %1. Take this file to the URS (a USB stick will do): it is checked there as if it had been sent over the internet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The package was saved to %1. Take this file to %2 (a USB stick will do): it is checked there as if it had been sent over the internet.</source>
        <translation>The package was saved to %1. Take this file to %2 (a USB stick will do): it is checked there as if it had been sent over the internet.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The official PDF was saved to %1. Open it now to read or print?</source>
        <translation>The official PDF was saved to %1. Open it now to read or print?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The actions were saved to %1. Open the file now?</source>
        <translation>The actions were saved to %1. Open the file now?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::ReportView</name>
    <message>
        <location filename="../app/ui/regional/report_view.cpp" line="+49"/>
        <source>Inbox</source>
        <translation>Inbox</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Forwarded</source>
        <translation>Forwarded</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back to the list (Esc)</source>
        <translation>Back to the list (Esc)</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+348"/>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <location line="-348"/>
        <location line="+348"/>
        <source>Consolidate</source>
        <translation>Consolidate</translation>
    </message>
    <message>
        <location line="-345"/>
        <source>Return for correction…</source>
        <translation>Return for correction…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Return to the URS…</source>
        <translation>Return to the URS…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>What the program&apos;s rules say about this report</source>
        <translation>What the program&apos;s rules say about this report</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Click a line, or select it and press Enter, to go to what it points at.</source>
        <translation>Click a line, or select it and press Enter, to go to what it points at.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The report as sent</source>
        <translation>The report as sent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The report&apos;s history: every state change, decision and comment</source>
        <translation>The report&apos;s history: every state change, decision and comment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>History</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>The apoiador sent revision %1 of this report: it is the one shown now.</source>
        <translation>The apoiador sent revision %1 of this report: it is the one shown now.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The municipality sent revision %1 of this report: it is the one shown now.</source>
        <translation>The municipality sent revision %1 of this report: it is the one shown now.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Apoiador</source>
        <translation>Apoiador</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Municipality</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (IBGE %2)</source>
        <translation>%1 (IBGE %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URS</source>
        <translation>URS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received on</source>
        <translation>Received on</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Via</source>
        <translation>Via</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — first sent late, on %2</source>
        <translation>%1 — first sent late, on %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — sent on time</source>
        <translation>%1 — sent on time</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Returned before with</source>
        <translation>Returned before with</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned by the central level</source>
        <translation>Returned by the central level</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The content of this report has not arrived yet. Synchronize (Synchronization page) and it appears here.</source>
        <translation>The content of this report has not arrived yet. Synchronize (Synchronization page) and it appears here.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The program&apos;s rules run once the content has arrived.</source>
        <translation>The program&apos;s rules run once the content has arrived.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This report could not be read: %1</source>
        <translation>This report could not be read: %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>This installation does not know the report&apos;s program (%1): its rules were not checked.</source>
        <translation>This installation does not know the report&apos;s program (%1): its rules were not checked.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>✓ The program&apos;s rules find nothing to point out in this report.</source>
        <translation>✓ The program&apos;s rules find nothing to point out in this report.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The program&apos;s rules: %n warning(s) to look at.</source>
        <translation>
            <numerusform>The program&apos;s rules: %n warning(s) to look at.</numerusform>
            <numerusform>The program&apos;s rules: %n warning(s) to look at.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The program&apos;s rules: %n problem(s) that would block concluding, %1 warning(s). The report may have been made with older rules.</source>
        <translation>
            <numerusform>The program&apos;s rules: %n problem(s) that would block concluding, %1 warning(s). The report may have been made with older rules.</numerusform>
            <numerusform>The program&apos;s rules: %n problem(s) that would block concluding, %1 warning(s). The report may have been made with older rules.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The history could not be read: %1</source>
        <translation>The history could not be read: %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source> · late</source>
        <translation> · late</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revision %1 · received on %2 · %3</source>
        <translation>Revision %1 · received on %2 · %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The content has not arrived yet: synchronize first.</source>
        <translation>The content has not arrived yet: synchronize first.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A decision on this revision waits to be sent.</source>
        <translation>A decision on this revision waits to be sent.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This revision is &quot;%1&quot;: no decision to make here.</source>
        <translation>This revision is &quot;%1&quot;: no decision to make here.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Consolidate this revision into the Painel; it goes to the hub at the next synchronization.</source>
        <translation>Consolidate this revision into the Painel; it goes to the hub at the next synchronization.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Return it to its URS with what to look at again.</source>
        <translation>Return it to its URS with what to look at again.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept this revision; it goes to the hub at the next synchronization.</source>
        <translation>Accept this revision; it goes to the hub at the next synchronization.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Return it to the apoiador with what to correct.</source>
        <translation>Return it to the apoiador with what to correct.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return it to the municipality with what to correct.</source>
        <translation>Return it to the municipality with what to correct.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Accept the report</source>
        <translation>Accept the report</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Consolidate the report</source>
        <translation>Consolidate the report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consolidate the report of %1, %2 (revision %3)?</source>
        <translation>Consolidate the report of %1, %2 (revision %3)?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept the report of %1, %2 (revision %3)?</source>
        <translation>Accept the report of %1, %2 (revision %3)?</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Central level: %1</source>
        <translation>Central level: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The decision was not recorded: %1</source>
        <translation>The decision was not recorded: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Consolidated. The decision goes to the hub at the next synchronization.</source>
        <translation>Consolidated. The decision goes to the hub at the next synchronization.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned to the URS. The decision and your comment go to the hub at the next synchronization.</source>
        <translation>Returned to the URS. The decision and your comment go to the hub at the next synchronization.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Accepted. The decision goes to the hub at the next synchronization.</source>
        <translation>Accepted. The decision goes to the hub at the next synchronization.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned for correction. The decision and your comment go to the hub at the next synchronization.</source>
        <translation>Returned for correction. The decision and your comment go to the hub at the next synchronization.</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::ReportsPage</name>
    <message>
        <location filename="../app/ui/pages/reports_page.cpp" line="+34"/>
        <source>Four-month reports</source>
        <translation>Four-month reports</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One report per quadrimestre (January–April, May–August, September–December): record each action as it happens and conclude the report for review. Concluded reports wait in the outbox until they can be sent.</source>
        <translation>One report per quadrimestre (January–April, May–August, September–December): record each action as it happens and conclude the report for review. Concluded reports wait in the outbox until they can be sent.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+71"/>
        <source>Monthly reports</source>
        <translation>Monthly reports</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>One report per month. A month without actions is also reported, with a justification. Concluded reports wait in the outbox until they can be sent.</source>
        <translation>One report per month. A month without actions is also reported, with a justification. Concluded reports wait in the outbox until they can be sent.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Another month…</source>
        <translation>Another month…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Another quadrimestre…</source>
        <translation>Another quadrimestre…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create the report of an earlier quadrimestre (up to two years back): a late report is still accepted, marked late.</source>
        <translation>Create the report of an earlier quadrimestre (up to two years back): a late report is still accepted, marked late.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create the report of an earlier month (up to two years back): a late month is still accepted, marked late.</source>
        <translation>Create the report of an earlier month (up to two years back): a late month is still accepted, marked late.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+150"/>
        <source>Open the report</source>
        <translation>Open the report</translation>
    </message>
    <message>
        <location line="-148"/>
        <source>Opens the month selected in the list (Enter or double-click also open it).</source>
        <translation>Opens the month selected in the list (Enter or double-click also open it).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PDF and files</source>
        <translation>PDF and files</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The selected report&apos;s official PDF, its actions as CSV or XLSX, or a package for a USB stick (also by right-clicking the report).</source>
        <translation>The selected report&apos;s official PDF, its actions as CSV or XLSX, or a package for a USB stick (also by right-clicking the report).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import package…</source>
        <translation>Import package…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Brings in report packages (.mobiliza) of this municipality, saved on another computer or on a USB stick. Each file is checked before anything is kept.</source>
        <translation>Brings in report packages (.mobiliza) of this municipality, saved on another computer or on a USB stick. Each file is checked before anything is kept.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import report packages</source>
        <translation>Import report packages</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Report packages (*.mobiliza)</source>
        <translation>Report packages (*.mobiliza)</translation>
    </message>
    <message>
        <location line="+76"/>
        <location line="+7"/>
        <source>Create the report of the %1</source>
        <translation>Create the report of the %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The reports could not be read: %1</source>
        <translation>The reports could not be read: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No report yet. Start with the current quadrimestre: every action you record is saved at once, even without internet.</source>
        <translation>No report yet. Start with the current quadrimestre: every action you record is saved at once, even without internet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No report yet. Start with the current month: every action you record is saved at once, even without internet.</source>
        <translation>No report yet. Start with the current month: every action you record is saved at once, even without internet.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1 — deadline %2, late</source>
        <extracomment>A month that can still be created (%1: &quot;Outubro de 2026&quot;, %2: its deadline dd/mm/aaaa).</extracomment>
        <translation>%1 — deadline %2, late</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — deadline %2</source>
        <translation>%1 — deadline %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Due %1%2.</source>
        <translation>Due %1%2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, already late — it can still be sent</source>
        <translation>, already late — it can still be sent</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>Start the report of %1</source>
        <translation>Start the report of %1</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>%1 has no report on this computer yet. Start it now? It opens in the editor and nothing is sent until you conclude it. %2</source>
        <translation>%1 has no report on this computer yet. Start it now? It opens in the editor and nothing is sent until you conclude it. %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start the report</source>
        <translation>Start the report</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+40"/>
        <source>Import package</source>
        <translation>Import package</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Checking the package files…</source>
        <translation>Checking the package files…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancelling: the file being checked is finished first…</source>
        <translation>Cancelling: the file being checked is finished first…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Checking %1 (%2 of %3)…</source>
        <translation>Checking %1 (%2 of %3)…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The files could not be imported: %1</source>
        <translation>The files could not be imported: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2, revision %3</source>
        <translation>%1: %2, revision %3</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n report(s) imported:</source>
        <translation>
            <numerusform>%n report(s) imported:</numerusform>
            <numerusform>%n report(s) imported:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n report(s) already here (nothing changed):</source>
        <translation>
            <numerusform>%n report(s) already here (nothing changed):</numerusform>
            <numerusform>%n report(s) already here (nothing changed):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n file(s) refused (nothing was kept from them):</source>
        <translation>
            <numerusform>%n file(s) refused (nothing was kept from them):</numerusform>
            <numerusform>%n file(s) refused (nothing was kept from them):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n file(s) not looked at (cancelled).</source>
        <translation>
            <numerusform>%n file(s) not looked at (cancelled).</numerusform>
            <numerusform>%n file(s) not looked at (cancelled).</numerusform>
        </translation>
    </message>
    <message>
        <location line="-221"/>
        <location line="+7"/>
        <source>Create the report of %1</source>
        <translation>Create the report of %1</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::ReturnDialog</name>
    <message>
        <location filename="../app/ui/regional/return_dialog.cpp" line="+26"/>
        <location line="+69"/>
        <source>Return for correction</source>
        <translation>Return for correction</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>Return to the URS</source>
        <translation>Return to the URS</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>What must the URS look at again? (required; the URS reads this, and decides whether the municipality must correct it)</source>
        <translation>What must the URS look at again? (required; the URS reads this, and decides whether the municipality must correct it)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What must the apoiador correct? (required; the apoiador reads this)</source>
        <translation>What must the apoiador correct? (required; the apoiador reads this)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What must the municipality correct? (required; the municipality reads this)</source>
        <translation>What must the municipality correct? (required; the municipality reads this)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>e.g. The photos of action 2 do not show the action; send others.</source>
        <translation>e.g. The photos of action 2 do not show the action; send others.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Notes on an action or a photo (optional):</source>
        <translation>Notes on an action or a photo (optional):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What the note is about</source>
        <translation>What the note is about</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The whole report</source>
        <translation>The whole report</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Action %1</source>
        <translation>Action %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Action %1, Photo %2</source>
        <translation>Action %1, Photo %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>e.g. illegible</source>
        <translation>e.g. illegible</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add note</source>
        <translation>Add note</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Remove the selected note</source>
        <translation>Remove the selected note</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Write the comment first: a report is returned only with one.</source>
        <translation>Write the comment first: a report is returned only with one.</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::SettingsPage</name>
    <message>
        <location filename="../app/ui/pages/settings_page.cpp" line="+32"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This installation, its profile and its data.</source>
        <translation>This installation, its profile and its data.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profile</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Municipality:</source>
        <translation>Municipality:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regional health unit (URS):</source>
        <translation>Regional health unit (URS):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Health region / macro-region:</source>
        <translation>Health region / macro-region:</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Program:</source>
        <translation>Program:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level:</source>
        <translation>Level:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State:</source>
        <translation>State:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Data folder:</source>
        <translation>Data folder:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Installation:</source>
        <translation>Installation:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference table:</source>
        <translation>Reference table:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Interface language:</source>
        <translation>Interface language:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Privacy (LGPD)</source>
        <translation>Privacy (LGPD)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mobiliza records the actions of “%1”, their photos and texts, to report them to %2 (purpose). The controller is the organization that uses this installation. Photos of identifiable people are personal data, and so are names written in the texts: record whether image-use authorization is on file, write only what the report needs, and correct or erase personal data on request. Data stays on this computer until it is sent to %2. Questions: the data protection officer of your organization.</source>
        <translation>Mobiliza records the actions of “%1”, their photos and texts, to report them to %2 (purpose). The controller is the organization that uses this installation. Photos of identifiable people are personal data, and so are names written in the texts: record whether image-use authorization is on file, write only what the report needs, and correct or erase personal data on request. Data stays on this computer until it is sent to %2. Questions: the data protection officer of your organization.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Mobiliza records the municipality&apos;s mobilization actions, their proof photos and the partners register, to report them to the regional health unit and to SES-MG (purpose). The controller is the municipal health secretariat that uses this installation. Photos of identifiable people and partners&apos; contacts are personal data: record whether image-use authorization is on file, collect only the contacts you need, and erase a partner&apos;s data on request. Data stays on this computer until it is sent to the URS; what is sent for the panel carries no partner CPF, phone or e-mail. Questions: the data protection officer of your secretariat.</source>
        <translation>Mobiliza records the municipality&apos;s mobilization actions, their proof photos and the partners register, to report them to the regional health unit and to SES-MG (purpose). The controller is the municipal health secretariat that uses this installation. Photos of identifiable people and partners&apos; contacts are personal data: record whether image-use authorization is on file, collect only the contacts you need, and erase a partner&apos;s data on request. Data stays on this computer until it is sent to the URS; what is sent for the panel carries no partner CPF, phone or e-mail. Questions: the data protection officer of your secretariat.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Saved. The new language is used the next time Mobiliza starts.</source>
        <translation>Saved. The new language is used the next time Mobiliza starts.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 (IBGE %2)</source>
        <translation>%1 (IBGE %2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (being confirmed by SES-MG)</source>
        <translation>%1 (being confirmed by SES-MG)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>version %1, published on %2</source>
        <translation>version %1, published on %2</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::SyncPage</name>
    <message>
        <location filename="../app/ui/pages/sync_page.cpp" line="+49"/>
        <source>Synchronization</source>
        <translation>Synchronization</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The reports of each %1 come down from the hub, and the review decisions made here go up, whenever there is a connection. Nothing is lost while offline.</source>
        <translation>The reports of each %1 come down from the hub, and the review decisions made here go up, whenever there is a connection. Nothing is lost while offline.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The municipalities&apos; reports come down from the hub, and the review decisions made here go up, whenever there is a connection. Nothing is lost while offline.</source>
        <translation>The municipalities&apos; reports come down from the hub, and the review decisions made here go up, whenever there is a connection. Nothing is lost while offline.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Concluded reports are kept on this computer and sent to “%1” when there is a connection. Nothing is lost while offline.</source>
        <translation>Concluded reports are kept on this computer and sent to “%1” when there is a connection. Nothing is lost while offline.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Concluded reports are kept on this computer and sent to the regional health unit when there is a connection. Nothing is lost while offline.</source>
        <translation>Concluded reports are kept on this computer and sent to the regional health unit when there is a connection. Nothing is lost while offline.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&lt;b&gt;The key that lets this computer send reports is kept in a file&lt;/b&gt; of your user account (this computer has no password vault for it). Lock the computer when you leave it; if someone else may have copied the key, ask “%1” to cancel it and connect again.</source>
        <translation>&lt;b&gt;The key that lets this computer send reports is kept in a file&lt;/b&gt; of your user account (this computer has no password vault for it). Lock the computer when you leave it; if someone else may have copied the key, ask “%1” to cancel it and connect again.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;The key that lets this computer send reports is kept in a file&lt;/b&gt; of your user account (this computer has no password vault for it). Lock the computer when you leave it; if someone else may have copied the key, ask whoever runs the hub to cancel it and connect again.</source>
        <translation>&lt;b&gt;The key that lets this computer send reports is kept in a file&lt;/b&gt; of your user account (this computer has no password vault for it). Lock the computer when you leave it; if someone else may have copied the key, ask whoever runs the hub to cancel it and connect again.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;Sync now</source>
        <translation>&amp;Sync now</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the connection and send what is waiting, now</source>
        <translation>Check the connection and send what is waiting, now</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+237"/>
        <source>&amp;Connect to the URS hub…</source>
        <translation>&amp;Connect to the URS hub…</translation>
    </message>
    <message>
        <location line="-224"/>
        <source>Sending progress</source>
        <translation>Sending progress</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>&amp;Try again</source>
        <translation>&amp;Try again</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send this report at the next synchronization, without waiting</source>
        <translation>Send this report at the next synchronization, without waiting</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/ui/pages/sync_page_items.cpp" line="+175"/>
        <location line="+48"/>
        <source>&amp;Hold</source>
        <translation>&amp;Hold</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Synchronization is not available in this session.</source>
        <translation>Synchronization is not available in this session.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>The hub asked to wait: Mobiliza sends again by itself at %1.</source>
        <translation>The hub asked to wait: Mobiliza sends again by itself at %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The hub asked to wait: Mobiliza sends again by itself on %1 at %2.</source>
        <translation>The hub asked to wait: Mobiliza sends again by itself on %1 at %2.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&lt;b&gt;Synchronization is not available in this session.&lt;/b&gt; Review decisions stay safely on this computer.</source>
        <translation>&lt;b&gt;Synchronization is not available in this session.&lt;/b&gt; Review decisions stay safely on this computer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Synchronization is not available in this session.&lt;/b&gt; Reports stay safely in the outbox below.</source>
        <translation>&lt;b&gt;Synchronization is not available in this session.&lt;/b&gt; Reports stay safely in the outbox below.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;Not connected to a hub yet.&lt;/b&gt; Ask the hub&apos;s administrator (SES-MG) for the hub address and an enrollment code for this URS, then choose &quot;Connect to the hub…&quot;. Review decisions stay safely on this computer.</source>
        <translation>&lt;b&gt;Not connected to a hub yet.&lt;/b&gt; Ask the hub&apos;s administrator (SES-MG) for the hub address and an enrollment code for this URS, then choose &quot;Connect to the hub…&quot;. Review decisions stay safely on this computer.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;Not connected to a hub yet.&lt;/b&gt; Ask “%1” for the hub address and an enrollment code, then choose &quot;Connect to the hub…&quot;. Reports stay safely in the outbox below.</source>
        <translation>&lt;b&gt;Not connected to a hub yet.&lt;/b&gt; Ask “%1” for the hub address and an enrollment code, then choose &quot;Connect to the hub…&quot;. Reports stay safely in the outbox below.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;Not connected to a hub yet.&lt;/b&gt; Ask the URS for the hub address and an enrollment code, then choose &quot;Connect to the URS hub…&quot;. Reports stay safely in the outbox below.</source>
        <translation>&lt;b&gt;Not connected to a hub yet.&lt;/b&gt; Ask the URS for the hub address and an enrollment code, then choose &quot;Connect to the URS hub…&quot;. Reports stay safely in the outbox below.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>municipality %1 (%2)</source>
        <translation>municipality %1 (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>URS %1</source>
        <translation>URS %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>central level</source>
        <translation>central level</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;Connected to %1&lt;/b&gt; — %2&lt;br&gt;Address: %3&lt;br&gt;%4</source>
        <translation>&lt;b&gt;Connected to %1&lt;/b&gt; — %2&lt;br&gt;Address: %3&lt;br&gt;%4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last successful contact: %1</source>
        <translation>Last successful contact: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No successful contact with the hub yet.</source>
        <translation>No successful contact with the hub yet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Connect again…</source>
        <translation>&amp;Connect again…</translation>
    </message>
    <message>
        <location line="-236"/>
        <location line="+237"/>
        <source>&amp;Connect to the hub…</source>
        <translation>&amp;Connect to the hub…</translation>
    </message>
    <message>
        <location line="+151"/>
        <source>Checking with the hub…</source>
        <translation>Checking with the hub…</translation>
    </message>
    <message>
        <location filename="../app/ui/pages/sync_page_items.cpp" line="-186"/>
        <location line="+6"/>
        <location filename="../app/ui/pages/sync_page_regional.cpp" line="+89"/>
        <source>waiting for the connection — it goes as soon as the hub answers</source>
        <translation>waiting for the connection — it goes as soon as the hub answers</translation>
    </message>
    <message>
        <location line="-4"/>
        <location filename="../app/ui/pages/sync_page_regional.cpp" line="-1"/>
        <source>waiting — next try on %1</source>
        <translation>waiting — next try on %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../app/ui/pages/sync_page_regional.cpp" line="+2"/>
        <source>waiting to be sent</source>
        <translation>waiting to be sent</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>sending…</source>
        <translation>sending…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>accepted by the URS</source>
        <translation>accepted by the URS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>accepted by %1</source>
        <translation>accepted by %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>returned by the URS for correction</source>
        <translation>returned by the URS for correction</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>returned by %1 for correction</source>
        <translation>returned by %1 for correction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>accepted by the URS and forwarded to the central level</source>
        <translation>accepted by the URS and forwarded to the central level</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>consolidated by the central level</source>
        <translation>consolidated by the central level</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>returned by the URS for correction; revision %1 replaces it</source>
        <translation>returned by the URS for correction; revision %1 replaces it</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>returned by %1 for correction; revision %2 replaces it</source>
        <translation>returned by %1 for correction; revision %2 replaces it</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>received by the URS on %1</source>
        <translation>received by the URS on %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>received by %1 on %2</source>
        <translation>received by %1 on %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>received by the URS</source>
        <translation>received by the URS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>received by %1</source>
        <translation>received by %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>refused by the hub — %n problem(s) to fix</source>
        <translation>
            <numerusform>refused by the hub — %n problem(s) to fix</numerusform>
            <numerusform>refused by the hub — %n problem(s) to fix</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>refused by the hub</source>
        <translation>refused by the hub</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>held — not sent until you release it</source>
        <translation>held — not sent until you release it</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>%1 — revision %2: %3</source>
        <translation>%1 — revision %2: %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no photos</source>
        <translation>no photos</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n photo(s)</numerusform>
            <numerusform>%n photo(s)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/pages/sync_page.cpp" line="-38"/>
        <source>Nothing waiting to be sent.</source>
        <translation>Nothing waiting to be sent.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n report(s) waiting to be sent</source>
        <translation>
            <numerusform>%n report(s) waiting to be sent</numerusform>
            <numerusform>%n report(s) waiting to be sent</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 to send</source>
        <translation>%1 to send</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n returned by the URS for correction (open it in Reports)</source>
        <translation>
            <numerusform>%n returned by the URS for correction (open it in Reports)</numerusform>
            <numerusform>%n returned by the URS for correction (open it in Reports)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n returned by %1 for correction (open it in Reports)</source>
        <translation>
            <numerusform>%n returned by %1 for correction (open it in Reports)</numerusform>
            <numerusform>%n returned by %1 for correction (open it in Reports)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n refused by the hub</source>
        <translation>
            <numerusform>%n refused by the hub</numerusform>
            <numerusform>%n refused by the hub</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n held</source>
        <translation>
            <numerusform>%n held</numerusform>
            <numerusform>%n held</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The outbox could not be read: %1</source>
        <translation>The outbox could not be read: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/pages/sync_page_items.cpp" line="+12"/>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Action %1 — %2</source>
        <translation>Action %1 — %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Action %1 — photo %2</source>
        <translation>Action %1 — photo %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action %1 — photos</source>
        <translation>Action %1 — photos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action %1</source>
        <translation>Action %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Concluded reports appear here until the URS confirms it received them.</source>
        <translation>Concluded reports appear here until the URS confirms it received them.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concluded reports appear here until the hub confirms it received them.</source>
        <translation>Concluded reports appear here until the hub confirms it received them.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 — revision %2</source>
        <translation>%1 — revision %2</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Size: %1 (%n photo(s))</source>
        <translation>
            <numerusform>Size: %1 (%n photo(s))</numerusform>
            <numerusform>Size: %1 (%n photo(s))</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The URS&apos;s comment: “%1”</source>
        <translation>The URS&apos;s comment: “%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment of %1: “%2”</source>
        <translation>Comment of %1: “%2”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Receipt %1, received on %2.</source>
        <translation>Receipt %1, received on %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n attempt(s) so far; Mobiliza keeps trying by itself.</source>
        <translation>
            <numerusform>%n attempt(s) so far; Mobiliza keeps trying by itself.</numerusform>
            <numerusform>%n attempt(s) so far; Mobiliza keeps trying by itself.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What the hub found:</source>
        <translation>What the hub found:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Release</source>
        <translation>&amp;Release</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send this report again at the next synchronization</source>
        <translation>Send this report again at the next synchronization</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep this report on this computer and do not send it for now</source>
        <translation>Keep this report on this computer and do not send it for now</translation>
    </message>
    <message>
        <location filename="../app/ui/pages/sync_page.cpp" line="+36"/>
        <source>Sending %1: %2 of %3</source>
        <translation>Sending %1: %2 of %3</translation>
    </message>
    <message>
        <location line="-371"/>
        <source>Outbox</source>
        <translation>Outbox</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>&lt;b&gt;The key that lets this computer send reports is kept in a file&lt;/b&gt; of your user account (this computer has no password vault for it). Lock the computer when you leave it; if someone else may have copied the key, ask the URS to cancel it and connect again.</source>
        <translation>&lt;b&gt;The key that lets this computer send reports is kept in a file&lt;/b&gt; of your user account (this computer has no password vault for it). Lock the computer when you leave it; if someone else may have copied the key, ask the URS to cancel it and connect again.</translation>
    </message>
    <message>
        <location line="+279"/>
        <source>Waiting for the next attempt to send</source>
        <translation>Waiting for the next attempt to send</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>Mobiliza tries again by itself at %1, or click “Sync now”.</source>
        <translation>Mobiliza tries again by itself at %1, or click “Sync now”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mobiliza tries again by itself on %1 at %2, or click “Sync now”.</source>
        <translation>Mobiliza tries again by itself on %1 at %2, or click “Sync now”.</translation>
    </message>
    <message>
        <location line="+182"/>
        <source>The outbox is empty.</source>
        <translation>The outbox is empty.</translation>
    </message>
    <message>
        <location filename="../app/ui/pages/sync_page_regional.cpp" line="-61"/>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned for correction</source>
        <translation>Returned for correction</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review started</source>
        <translation>Review started</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Consolidated</source>
        <translation>Consolidated</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned to the URS</source>
        <translation>Returned to the URS</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>applied by the hub</source>
        <translation>applied by the hub</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not applied: %1</source>
        <translation>not applied: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 — revision %2: %3 (%4)</source>
        <translation>%1 — revision %2: %3 (%4)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No review decision waiting to be sent.</source>
        <translation>No review decision waiting to be sent.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n review decision(s) waiting to be sent</source>
        <translation>
            <numerusform>%n review decision(s) waiting to be sent</numerusform>
            <numerusform>%n review decision(s) waiting to be sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n not applied (another decision came first)</source>
        <translation>
            <numerusform>%n not applied (another decision came first)</numerusform>
            <numerusform>%n not applied (another decision came first)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n report(s) received on this computer</source>
        <translation>
            <numerusform>%n report(s) received on this computer</numerusform>
            <numerusform>%n report(s) received on this computer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n report(s) of the municipalities on this computer</source>
        <translation>
            <numerusform>%n report(s) of the municipalities on this computer</numerusform>
            <numerusform>%n report(s) of the municipalities on this computer</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The review decisions could not be read: %1</source>
        <translation>The review decisions could not be read: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The review decisions made on this computer appear here until the hub applies them.</source>
        <translation>The review decisions made on this computer appear here until the hub applies them.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Decided by %1 on %2.</source>
        <translation>Decided by %1 on %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Comment: %1</source>
        <translation>Comment: %1</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::TargetsDialog</name>
    <message>
        <location filename="../app/ui/panel/targets_dialog.cpp" line="+40"/>
        <source>Targets</source>
        <translation>Targets</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Year:</source>
        <translation>&amp;Year:</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source> actions</source>
        <translation> actions</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+3"/>
        <location line="+26"/>
        <source>no target</source>
        <translation>no target</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Actions of the &amp;state in the year:</source>
        <translation>Actions of the &amp;state in the year:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Actions of &amp;each municipality in the year:</source>
        <translation>Actions of &amp;each municipality in the year:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>URS</source>
        <translation>URS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Municipalities</source>
        <translation>Municipalities</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Coverage target</source>
        <translation>Coverage target</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actions in the year</source>
        <translation>Actions in the year</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Coverage target of URS %1</source>
        <translation>Coverage target of URS %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Actions in the year of URS %1</source>
        <translation>Actions in the year of URS %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The coverage target is the share of a URS&apos;s municipalities expected to report each month. A URS&apos;s action target counts when the panel shows all its municipalities; otherwise each municipality&apos;s target does. Saved targets reach the URS and the municipalities at their next synchronization.</source>
        <translation>The coverage target is the share of a URS&apos;s municipalities expected to report each month. A URS&apos;s action target counts when the panel shows all its municipalities; otherwise each municipality&apos;s target does. Saved targets reach the URS and the municipalities at their next synchronization.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The central level sets these targets; they arrive at each synchronization.</source>
        <translation>The central level sets these targets; they arrive at each synchronization.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>No targets were published yet: coverage targets come from the reference table and there are no action targets.</source>
        <translation>No targets were published yet: coverage targets come from the reference table and there are no action targets.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Example targets of the demonstration data: the targets the central level publishes replace them.</source>
        <translation>Example targets of the demonstration data: the targets the central level publishes replace them.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Targets of %1 (revision %2, saved by %3).</source>
        <translation>Targets of %1 (revision %2, saved by %3).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the central level</source>
        <translation>the central level</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not yet published: they go to the hub at the next synchronization.</source>
        <translation>Not yet published: they go to the hub at the next synchronization.</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Newer targets arrived</source>
        <translation>Newer targets arrived</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Targets of revision %1 arrived while this window was open. Your values are still here and were not saved; compare them with the published ones (close and open this window to see them) or save again to replace them.</source>
        <translation>Targets of revision %1 arrived while this window was open. Your values are still here and were not saved; compare them with the published ones (close and open this window to see them) or save again to replace them.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Targets not saved</source>
        <translation>Targets not saved</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The targets were not saved: %1 Your values are still in this window.</source>
        <translation>The targets were not saved: %1 Your values are still in this window.</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::TextSearchView</name>
    <message>
        <location filename="../app/ui/panel/text_search_view.cpp" line="+33"/>
        <source>Sea&amp;rch the texts:</source>
        <translation>Sea&amp;rch the texts:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>words in %1</source>
        <translation>words in %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accents and capitals do not matter: “reuniao” finds “Reunião”. The start of a word is enough: “pactu” finds “pactuação”. Every word typed must be in the passage.</source>
        <translation>Accents and capitals do not matter: “reuniao” finds “Reunião”. The start of a word is enough: “pactu” finds “pactuação”. Every word typed must be in the passage.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export found (CSV)…</source>
        <translation>Export found (CSV)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export found (XLSX)…</source>
        <translation>Export found (XLSX)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The actions found, one per row: who, when, where the words are, the passages, then every field of the action, for qualitative analysis in a spreadsheet.</source>
        <translation>The actions found, one per row: who, when, where the words are, the passages, then every field of the action, for qualitative analysis in a spreadsheet.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Type words and press Enter. The search uses the panel&apos;s filters above.</source>
        <translation>Type words and press Enter. The search uses the panel&apos;s filters above.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Passages found</source>
        <translation>Passages found</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Type one or more words to search for.</source>
        <translation>Type one or more words to search for.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Searching…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The search could not be made: %1</source>
        <translation>The search could not be made: %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Nothing found for “%1” with these filters.</source>
        <translation>Nothing found for “%1” with these filters.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n passage(s)</source>
        <translation>
            <numerusform>%n passage(s)</numerusform>
            <numerusform>%n passage(s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>in %n action(s), best first.</source>
        <translation>
            <numerusform>in %n action(s), best first.</numerusform>
            <numerusform>in %n action(s), best first.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The first %1 are shown; the export has them all.</source>
        <translation>The first %1 are shown; the export has them all.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>open the report</source>
        <translation>open the report</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export the actions found</source>
        <translation>Export the actions found</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV file (*.csv)</source>
        <translation>CSV file (*.csv)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Actions exported</source>
        <translation>Actions exported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The actions found were written to %1.</source>
        <translation>The actions found were written to %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actions not exported</source>
        <translation>Actions not exported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The actions found could not be written: %1</source>
        <translation>The actions found could not be written: %1</translation>
    </message>
</context>
</TS>
