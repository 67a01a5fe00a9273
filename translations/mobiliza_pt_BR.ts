<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR" sourcelanguage="en">
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
        <translation>O Mobiliza já está aberto neste perfil: a janela dele foi trazida para a frente.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mobiliza is already open on this profile: the files were handed to its window, which imports them.</source>
        <translation>O Mobiliza já está aberto neste perfil: os arquivos foram entregues à janela dele, que os importa.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mobiliza is already starting on this profile: answer the questions in the window it opened.</source>
        <translation>O Mobiliza já está sendo aberto neste perfil: responda às perguntas na janela que ele abriu.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mobiliza is already open on this profile (process %1) and did not answer. Close it, or wait for it to finish, and open Mobiliza again.</source>
        <translation>O Mobiliza já está aberto neste perfil (processo %1) e não respondeu. Feche-o, ou espere que termine, e abra o Mobiliza de novo.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Note: Mobiliza is open in a window on this profile (process %1); what this command changes shows there too.</source>
        <translation>Aviso: o Mobiliza está aberto numa janela neste perfil (processo %1); o que este comando mudar aparece lá também.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>There is no demonstration data for “%1” (it exists only for the programs shipped with Mobiliza): nothing was added to this profile. Leave out --demo-data.</source>
        <translation>Não há dados de demonstração para “%1” (eles existem só para os programas que vêm com o Mobiliza): nada foi acrescentado a este perfil. Retire --demo-data.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>--pull, --review and --coverage are for a URS profile; this profile is a municipality&apos;s (use --sync to send its reports).</source>
        <translation>--pull, --review e --coverage são para um perfil de URS; este perfil é de um município (use --sync para enviar os relatórios).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The central level imports the URS&apos;s batch files, with --import-batch FILE; a municipality&apos;s report package goes to its URS.</source>
        <translation>O nível central importa os arquivos de lote das URS, com --import-batch ARQUIVO; o pacote de relatório de um município vai para a URS dele.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This command is for a municipality&apos;s profile; this one is %1.</source>
        <translation>Este comando é para o perfil de um município; este é de %1.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saved %1</source>
        <translation>Salvo em %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>There is no package file (.mobiliza) in %1.</source>
        <translation>Não há arquivo de pacote (.mobiliza) em %1.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The report of %1, revision %2, was already here: nothing changed.</source>
        <translation>O relatório de %1, revisão %2, já estava aqui: nada foi alterado.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Imported the report of %1, revision %2, with %3 photo(s).</source>
        <translation>Relatório de %1, revisão %2, importado com %3 foto(s).</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Connected to %1.</source>
        <translation>Conectado: %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The key that lets this computer send reports is kept in a file of your user account (%1): this computer has no password vault for it. Lock the computer when you leave it.</source>
        <translation>A chave que permite a este computador enviar relatórios fica guardada em um arquivo da sua conta de usuário (%1): este computador não tem um cofre de senhas para ela. Bloqueie o computador quando se afastar dele.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Sent: %1. Set aside: %2. Still to send: %3.</source>
        <translation>Enviados: %1. Recusados (separados): %2. Ainda por enviar: %3.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The hub asked to wait: the next attempt is at %1. Mobiliza, when open, tries again by itself; or run --sync again then.</source>
        <translation>O hub pediu para esperar: a próxima tentativa é em %1. O Mobiliza, quando aberto, tenta de novo sozinho; ou rode --sync de novo nesse horário.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mobiliza, when open, tries again by itself at %1; or run --sync again at any time.</source>
        <translation>O Mobiliza, quando aberto, tenta de novo sozinho em %1; ou rode --sync de novo a qualquer momento.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Returned for correction: %1, revision %2 — “%3”. Open it in Mobiliza (Reports) to correct it and conclude it again.</source>
        <translation>Devolvido para correção: %1, revisão %2 — “%3”. Abra-o no Mobiliza (Relatórios) para corrigir e concluir de novo.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The reports could not be read: %1</source>
        <translation>Não foi possível ler os relatórios: %1</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>There is no report to show yet.</source>
        <translation>Ainda não há relatório para mostrar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The page &quot;%1&quot; is not one of this profile&apos;s (%2).</source>
        <translation>A página &quot;%1&quot; não faz parte deste perfil (%2).</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Could not save the screenshot to %1. Check that the folder exists and is writable.</source>
        <translation>Não foi possível salvar a captura de tela em %1. Verifique se a pasta existe e se é possível gravar nela.</translation>
    </message>
</context>
<context>
    <name>BatchFile</name>
    <message>
        <location filename="../core/package/batch_file_reader.cpp" line="+32"/>
        <source>This file is not a Mobiliza batch file. Choose a file with the .mobiliza-lote extension generated by the regional office (URS).</source>
        <translation>Este arquivo não é um arquivo de lote do Mobiliza. Escolha um arquivo com a extensão .mobiliza-lote gerado pela regional (URS).</translation>
    </message>
    <message>
        <location filename="../core/package/batch_file_writer.cpp" line="+40"/>
        <source>The batch file was not written: %1</source>
        <translation>O arquivo de lote não foi gerado: %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>the batch needs its id, URS, month, date and author.</source>
        <translation>o lote precisa de identificador, URS, mês, data e autor.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a batch holds 1 to %1 reports.</source>
        <translation>um lote tem de 1 a %1 relatórios.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>a report of %1 is not of the batch&apos;s month.</source>
        <translation>um relatório de %1 não é do mês do lote.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>a report appears twice.</source>
        <translation>um relatório aparece duas vezes.</translation>
    </message>
</context>
<context>
    <name>BatchIntake</name>
    <message>
        <location filename="../core/regional/batch_intake.cpp" line="+25"/>
        <source>Only the central level takes in a URS&apos;s batch file. A URS imports its municipalities&apos; report packages instead.</source>
        <translation>Só o nível central recebe o arquivo de lote de uma URS. A URS importa os pacotes de relatório dos seus municípios.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This batch file names “%1”, which is not a URS of the reference table. Nothing was imported: ask that URS to make the batch again.</source>
        <translation>Este arquivo de lote indica “%1”, que não é uma URS da tabela de referência. Nada foi importado: peça a essa URS que faça o lote de novo.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This batch file of the URS %1 holds the report of %2, which is not one of its municipalities. Nothing was imported: ask the URS to make the batch again.</source>
        <translation>Este arquivo de lote da URS %1 traz o relatório de %2, que não é um dos municípios dela. Nada foi importado: peça à URS que faça o lote de novo.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The central level already has revision %1 of a report of %2 with another content. Nothing was imported; ask the URS which one is right.</source>
        <translation>O nível central já tem a revisão %1 de um relatório de %2 com outro conteúdo. Nada foi importado; pergunte à URS qual é o correto.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>The hub has not received batch %1 yet: it goes at the next synchronization, and its receipt can be written then.</source>
        <translation>O hub ainda não recebeu o lote %1: ele vai na próxima sincronização, e o recibo poderá ser gravado depois dela.</translation>
    </message>
</context>
<context>
    <name>BatchReceipt</name>
    <message>
        <location filename="../core/package/batch_receipt.cpp" line="+33"/>
        <source>This file is not a receipt of a Mobiliza batch. Choose the file with the .mobiliza-recibo extension that the central level gave back for the batch.</source>
        <translation>Este arquivo não é um recibo de lote do Mobiliza. Escolha o arquivo com a extensão .mobiliza-recibo que o nível central devolveu para o lote.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The receipt file is incomplete or has been altered. Ask the central level for a new receipt of the batch (mobiliza-hub receipt).</source>
        <translation>O arquivo de recibo está incompleto ou foi alterado. Peça ao nível central um novo recibo do lote (mobiliza-hub receipt).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file is far larger than a batch receipt (a few hundred bytes) and was not read. Choose the .mobiliza-recibo file of the batch.</source>
        <translation>O arquivo é muito maior que um recibo de lote (algumas centenas de bytes) e não foi lido. Escolha o arquivo .mobiliza-recibo do lote.</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>The receipt file %1 could not be written (%2). Check that the folder exists and is writable (a USB stick may be write-protected) and that the disk has free space.</source>
        <translation>O arquivo de recibo %1 não pôde ser gravado (%2). Confira se a pasta existe e permite gravação (um pen drive pode estar protegido contra gravação) e se há espaço livre no disco.</translation>
    </message>
</context>
<context>
    <name>BatchService</name>
    <message>
        <location filename="../core/regional/batch_service.cpp" line="+117"/>
        <source>No accepted report of %1 is waiting to be forwarded. Accept reports first (and synchronize, so the hub&apos;s acceptance is here).</source>
        <translation>Nenhum relatório aceito de %1 aguarda encaminhamento. Aceite relatórios antes (e sincronize, para que a aceitação do hub chegue aqui).</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>Some of the chosen reports are not accepted by the hub yet, or are already in a batch. Nothing was forwarded.</source>
        <translation>Alguns dos relatórios escolhidos ainda não foram aceitos pelo hub ou já estão num lote. Nada foi encaminhado.</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>There is already a file named %1 (perhaps another batch). Nothing was written: choose another name.</source>
        <translation>Já existe um arquivo chamado %1 (talvez de outro lote). Nada foi gravado: escolha outro nome.</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>The photos of %n report(s) of %1 are not on this computer yet. Synchronize (they were asked for), then write the batch file again.</source>
        <translation>
            <numerusform>As fotos de %n relatório de %1 ainda não estão neste computador. Sincronize (elas já foram pedidas) e grave o arquivo de lote de novo.</numerusform>
            <numerusform>As fotos de %n relatórios de %1 ainda não estão neste computador. Sincronize (elas já foram pedidas) e grave o arquivo de lote de novo.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+266"/>
        <source>Receipts of the central level are recorded by the URS that made the batch; this installation is not a URS.</source>
        <translation>Os recibos do nível central são registrados pela URS que fez o lote; esta instalação não é de uma URS.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This receipt is for a batch of the URS %1; this computer is the URS %2&apos;s. Nothing was changed: import it on a computer of the URS %1.</source>
        <translation>Este recibo é de um lote da URS %1; este computador é da URS %2. Nada foi alterado: importe-o num computador da URS %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>This receipt is for batch %1 of %2 (%n report(s)), which was not made on this computer. Nothing was changed: import it on the URS computer that wrote the batch file (its Batches page lists it).</source>
        <translation>
            <numerusform>Este recibo é do lote %1 de %2 (%n relatório), que não foi feito neste computador. Nada foi alterado: importe-o no computador da URS que gravou o arquivo de lote (a página Lotes dele o mostra).</numerusform>
            <numerusform>Este recibo é do lote %1 de %2 (%n relatórios), que não foi feito neste computador. Nada foi alterado: importe-o no computador da URS que gravou o arquivo de lote (a página Lotes dele o mostra).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This receipt does not match batch %1 of %2 made here: the central level received other reports (or other versions of them) under this batch&apos;s identifier. Nothing was changed. Keep the batch file and ask the central level which file it imported.</source>
        <translation>Este recibo não corresponde ao lote %1 de %2 feito aqui: o nível central recebeu outros relatórios (ou outras versões deles) com o identificador deste lote. Nada foi alterado. Guarde o arquivo de lote e pergunte ao nível central qual arquivo ele importou.</translation>
    </message>
</context>
<context>
    <name>BlobStore</name>
    <message>
        <location filename="../core/services/blob_store.cpp" line="+42"/>
        <source>The disk is full: the photo file %1 could not be saved, so Mobiliza stopped there. Free some space on the disk (empty the trash, move or delete files you no longer need) and try again.</source>
        <translation>O disco está cheio: o arquivo de foto %1 não pôde ser salvo, e o Mobiliza parou ali. Libere espaço no disco (esvazie a lixeira, mova ou apague arquivos de que não precisa mais) e tente de novo.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The photo file %1 could not be written or read (%2). Check that the disk is connected and has free space, then try again.</source>
        <translation>Não foi possível gravar ou ler o arquivo de foto %1 (%2). Verifique se o disco está conectado e tem espaço livre e tente novamente.</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>The photo&apos;s name is not a SHA-256.</source>
        <translation>O nome da foto não é um SHA-256.</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>The photo arrived damaged (its content does not match its name).</source>
        <translation>A foto chegou danificada (o conteúdo não corresponde ao nome).</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>A photo file is missing from the data folder (%1). Add the photo again.</source>
        <translation>Um arquivo de foto não está na pasta de dados (%1). Adicione a foto novamente.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A photo file is damaged on the disk (%1). Remove the photo and add it again.</source>
        <translation>Um arquivo de foto está danificado no disco (%1). Remova a foto e adicione-a novamente.</translation>
    </message>
</context>
<context>
    <name>BrValidators</name>
    <message>
        <location filename="../core/validators/br_validators.cpp" line="+74"/>
        <source>Type the CPF (11 digits).</source>
        <translation>Digite o CPF (11 dígitos).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A CPF has only digits. Remove the letters or symbols and type the 11 digits.</source>
        <translation>O CPF tem só números. Apague as letras ou símbolos e digite os 11 dígitos.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A CPF has 11 digits; you typed %1. Check the number and type all 11 digits.</source>
        <translation>O CPF tem 11 dígitos; você digitou %1. Confira o número e digite os 11 dígitos.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This CPF is not valid: all its digits are the same. Type the person&apos;s real CPF.</source>
        <translation>Este CPF não é válido: todos os dígitos são iguais. Digite o CPF verdadeiro da pessoa.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This CPF is not valid: its last two digits (check digits) do not match. Check for a typo.</source>
        <translation>Este CPF não é válido: os dois últimos dígitos (dígitos verificadores) não conferem. Verifique se há erro de digitação.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Type the CNPJ (14 characters).</source>
        <translation>Digite o CNPJ (14 caracteres).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A CNPJ has only digits and letters. Remove the other characters and type the 14 characters.</source>
        <translation>O CNPJ tem só números e letras. Apague os outros caracteres e digite os 14 caracteres.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A CNPJ has 14 characters; you typed %1. Check the number and type all 14.</source>
        <translation>O CNPJ tem 14 caracteres; você digitou %1. Confira o número e digite os 14.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The last two characters of a CNPJ (check digits) are always digits. Check the number.</source>
        <translation>Os dois últimos caracteres do CNPJ (dígitos verificadores) são sempre números. Confira o número.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This CNPJ is not valid: all its characters are the same. Type the organization&apos;s real CNPJ.</source>
        <translation>Este CNPJ não é válido: todos os caracteres são iguais. Digite o CNPJ verdadeiro da organização.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This CNPJ is not valid: its last two digits (check digits) do not match. Check for a typo.</source>
        <translation>Este CNPJ não é válido: os dois últimos dígitos (dígitos verificadores) não conferem. Verifique se há erro de digitação.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Type the CPF (11 digits) or the CNPJ (14 characters).</source>
        <translation>Digite o CPF (11 dígitos) ou o CNPJ (14 caracteres).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Type a CPF (11 digits) or a CNPJ (14 characters); you typed %1 characters.</source>
        <translation>Digite um CPF (11 dígitos) ou um CNPJ (14 caracteres); você digitou %1 caracteres.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Type the phone number with the area code (DDD), e.g. (31) 98765-4321.</source>
        <translation>Digite o telefone com o DDD, por exemplo (31) 98765-4321.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A phone number has only digits. Remove the letters or symbols and type it like (31) 98765-4321.</source>
        <translation>O telefone tem só números. Apague as letras ou símbolos e digite assim: (31) 98765-4321.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only Brazilian numbers (+55) are accepted. Type the number with the area code (DDD), e.g. (31) 98765-4321.</source>
        <translation>Só são aceitos números do Brasil (+55). Digite o número com o DDD, por exemplo (31) 98765-4321.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Add the area code (DDD) before the number, e.g. (31) 98765-4321.</source>
        <translation>Coloque o DDD antes do número, por exemplo (31) 98765-4321.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This phone number has %1 digits. Type the area code (DDD) and the number: 10 digits for a landline, 11 for a mobile.</source>
        <translation>Este telefone tem %1 dígitos. Digite o DDD e o número: 10 dígitos para telefone fixo, 11 para celular.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 is not a Brazilian area code (DDD). Check the first two digits; in Minas Gerais they are 31 to 35, 37 or 38.</source>
        <translation>%1 não é um DDD do Brasil. Confira os dois primeiros dígitos; em Minas Gerais o DDD é de 31 a 35, 37 ou 38.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A mobile number has 9 digits and starts with 9. Check the number.</source>
        <translation>O número de celular tem 9 dígitos e começa com 9. Confira o número.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Mobile numbers have 9 digits starting with 9. Add a 9 in front: %1.</source>
        <translation>O número de celular tem 9 dígitos e começa com 9. Acrescente o 9 na frente: %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A landline number starts with 2, 3, 4 or 5. Check the number.</source>
        <translation>O número de telefone fixo começa com 2, 3, 4 ou 5. Confira o número.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Type the CEP (8 digits), e.g. 30130-010.</source>
        <translation>Digite o CEP (8 dígitos), por exemplo 30130-010.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A CEP has only digits. Type it like 30130-010.</source>
        <translation>O CEP tem só números. Digite assim: 30130-010.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A CEP has 8 digits; you typed %1. Type it like 30130-010.</source>
        <translation>O CEP tem 8 dígitos; você digitou %1. Digite assim: 30130-010.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>00000-000 is not a valid CEP. Type the CEP of the address.</source>
        <translation>00000-000 não é um CEP válido. Digite o CEP do endereço.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Type the date as dd/mm/aaaa, e.g. 05/03/2026.</source>
        <translation>Digite a data no formato dd/mm/aaaa, por exemplo 05/03/2026.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Type the date as dd/mm/aaaa (day, month and the year with 4 digits), e.g. 05/03/2026.</source>
        <translation>Digite a data no formato dd/mm/aaaa (dia, mês e o ano com 4 dígitos), por exemplo 05/03/2026.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The year %1 is out of range. Type a year between 1900 and 2100.</source>
        <translation>O ano %1 está fora do intervalo aceito. Digite um ano entre 1900 e 2100.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Month %1 does not exist. Type the date as dd/mm/aaaa with a month from 01 to 12.</source>
        <translation>O mês %1 não existe. Digite a data no formato dd/mm/aaaa, com o mês de 01 a 12.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Day %1 does not exist in %2/%3 (that month has %4 days). Check the date.</source>
        <translation>O dia %1 não existe em %2/%3 (esse mês tem %4 dias). Confira a data.</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../app/ui/command_line.cpp" line="+71"/>
        <source>Mobiliza: records social-mobilization actions in public health, offline first.</source>
        <translation>Mobiliza: registro das ações de mobilização social em saúde, funcionando mesmo sem internet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shows this help.</source>
        <translation>Mostra esta ajuda.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shows the version.</source>
        <translation>Mostra a versão.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profile folder (default: the platform&apos;s application data folder).</source>
        <translation>Pasta do perfil (padrão: a pasta de dados de aplicativos do sistema).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DIR</source>
        <translation>PASTA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface language: pt_BR (default) or en.</source>
        <translation>Idioma da interface: pt_BR (padrão) ou en.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LANG</source>
        <translation>IDIOMA</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>IBGE code of the municipality this profile reports for (first use only).</source>
        <translation>Código IBGE do município deste perfil (somente no primeiro uso).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>IBGE</source>
        <translation>IBGE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fills the profile with a clearly marked demonstration data set.</source>
        <translation>Preenche o perfil com dados de demonstração, claramente identificados.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+24"/>
        <location line="+5"/>
        <location line="+72"/>
        <location line="+7"/>
        <source>FILE</source>
        <translation>ARQUIVO</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>Page for --screenshot: reports, editor, partners, sync, panel or settings (a municipality); inbox, report, history, coverage, batches, partners, panel, sync or settings (a URS).</source>
        <translation>Página para --screenshot: reports, editor, partners, sync, panel ou settings (um município); inbox, report, history, coverage, batches, partners, panel, sync ou settings (uma URS).</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+61"/>
        <source>NAME</source>
        <translation>NOME</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Exports and exits: pdf, csv, xlsx or package (of --month), partners-csv or partners-xlsx (the partners register).</source>
        <translation>Exporta e encerra: pdf, csv, xlsx ou package (do --month), partners-csv ou partners-xlsx (o cadastro de parceiros).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>KIND</source>
        <translation>TIPO</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file --export writes.</source>
        <translation>O arquivo que --export grava.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Imports a report package file (.mobiliza) after checking it, and exits.</source>
        <translation>Importa um arquivo de pacote de relatório (.mobiliza) depois de conferi-lo, e encerra.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Address of the URS hub, used with --enroll.</source>
        <translation>Endereço do hub da URS, usado com --enroll.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connects this installation to the hub with the one-time code from the URS.</source>
        <translation>Conecta esta instalação ao hub com o código de uso único fornecido pela URS.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+109"/>
        <source>CODE</source>
        <translation>CÓDIGO</translation>
    </message>
    <message>
        <location line="-106"/>
        <source>Runs one synchronization and exits: 0 only when the hub confirmed everything.</source>
        <translation>Faz uma sincronização e encerra: 0 somente quando o hub confirmou tudo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>What this installation is (first use only), one of its program&apos;s levels: %1.</source>
        <translation>O que esta instalação é (só no primeiro uso), um dos níveis do seu programa: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ROLE</source>
        <translation>PAPEL</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>PROGRAM</source>
        <translation>PROGRAMA</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The state of an apoiador or COSEMS profile (first use only), e.g. BA.</source>
        <translation>O estado de um perfil de apoiador(a) ou de COSEMS (só no primeiro uso), por exemplo BA.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>XX</source>
        <translation>UF</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The regional health unit of a --role urs profile.</source>
        <translation>A Unidade Regional de Saúde de um perfil --role urs.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>REPORT_UUID</source>
        <translation>ID_DO_RELATÓRIO</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>TEXT</source>
        <translation>TEXTO</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>URS: forwards the accepted reports of --month to the central level (over the network, or as a batch file with --out FILE) and exits.</source>
        <translation>URS: encaminha ao nível central os relatórios aceitos do --month (pela rede, ou como arquivo de lote com --out ARQUIVO) e sai.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>URS: records the central level&apos;s receipt files (.mobiliza-recibo) of batch files, and exits.</source>
        <translation>URS: registra os arquivos de recibo do nível central (.mobiliza-recibo) dos arquivos de lote, e sai.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Central level: takes in URS batch files (.mobiliza-lote) after checking them, sends them to the hub, writes each receipt for the URS beside its file, and exits.</source>
        <translation>Nível central: recebe arquivos de lote das URS (.mobiliza-lote) depois de conferi-los, envia-os ao hub, grava o recibo de cada um para a URS ao lado do arquivo e sai.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>URS: prints one line per batch made here (id, month, channel, state, reports, hub id, received at) and exits.</source>
        <translation>URS: mostra uma linha por lote feito aqui (id, competência, canal, situação, relatórios, id no hub, recebido em) e sai.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>URS: prints one line per partner of the region (IBGE code, municipality, name, kind, sector, stage, consent) or, with --out FILE.csv|FILE.xlsx, writes them for Excel without personal contacts, and exits.</source>
        <translation>URS: imprime uma linha por parceiro da região (código IBGE, município, nome, tipo, setor, estágio, consentimento) ou, com --out ARQUIVO.csv|ARQUIVO.xlsx, grava-os para o Excel sem contatos pessoais, e sai.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>COSEMS, CONASEMS: finds WORDS in what was recorded (what was done, results, difficulties, encaminhamentos; accents and case aside) in the accepted reports of --from to --to, prints the best passages with the words in [brackets], and with --out FILE.csv|FILE.xlsx writes the actions found; then exits.</source>
        <translation>COSEMS, CONASEMS: procura PALAVRAS no que foi registrado (o que foi feito, resultados, dificuldades, encaminhamentos; sem importar acentos e maiúsculas) nos relatórios aceitos de --from a --to, imprime os trechos mais relevantes com as palavras entre [colchetes] e, com --out ARQUIVO.csv|ARQUIVO.xlsx, grava as ações encontradas; depois sai.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>WORDS</source>
        <translation>PALAVRAS</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --panel: only the actions of this theme (its code, e.g. arboviroses).</source>
        <translation>Com --panel: só as ações deste tema (o código dele, por exemplo arboviroses).</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Unexpected argument: %1. See --help.</source>
        <translation>Argumento inesperado: %1. Veja --help.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown language &quot;%1&quot;: use pt_BR or en.</source>
        <translation>Idioma desconhecido &quot;%1&quot;: use pt_BR ou en.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--page is only used with --screenshot FILE.</source>
        <translation>--page só é usado junto com --screenshot ARQUIVO.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unknown page &quot;%1&quot;: use one of %2.</source>
        <translation>Página desconhecida &quot;%1&quot;: use uma destas: %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--data-dir needs a folder.</source>
        <translation>--data-dir precisa de uma pasta.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--hub URL and --enroll CODE go together.</source>
        <translation>--hub URL e --enroll CÓDIGO são usados juntos.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--hub needs an address and --enroll needs a code.</source>
        <translation>--hub precisa de um endereço e --enroll precisa de um código.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>--role urs needs --urs NAME (for example --urs Barbacena).</source>
        <translation>--role urs precisa de --urs NOME (por exemplo --urs Barbacena).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--urs NAME is only used with --role urs.</source>
        <translation>--urs NOME só é usado com --role urs.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>--municipality is only used with --role municipality.</source>
        <translation>--municipality só é usado com --role municipality.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>--search needs the words to find, e.g. --search &quot;reuniao cir&quot;.</source>
        <translation>--search precisa das palavras a procurar, por exemplo --search &quot;reuniao cir&quot;.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--search needs --from PERIOD and --to PERIOD, e.g. --from 2025-Q3 --to 2026-Q2.</source>
        <translation>--search precisa de --from PERÍODO e --to PERÍODO, por exemplo --from 2025-Q3 --to 2026-Q2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--theme is only used with --panel.</source>
        <translation>--theme só é usado com --panel.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--from, --to and --theme are only used with --panel.</source>
        <translation>--from, --to e --theme só são usados com --panel.</translation>
    </message>
    <message>
        <location line="-15"/>
        <location line="+31"/>
        <source>&quot;%1&quot; is not a period: use YYYY-MM, e.g. 2026-10 (or YYYY-Qn, e.g. 2026-Q2, in a quadrimestral program).</source>
        <translation>&quot;%1&quot; não é um período: use AAAA-MM, por exemplo 2026-10 (ou AAAA-Qn, por exemplo 2026-Q2, num programa quadrimestral).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--month and --out are only used with --export and --forward (and --month with --coverage).</source>
        <translation>--month e --out só são usados com --export e --forward (e --month com --coverage).</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>--review REPORT_UUID needs either --accept or --return TEXT.</source>
        <translation>--review ID_DO_RELATÓRIO precisa de --accept ou de --return TEXTO.</translation>
    </message>
    <message>
        <location line="-262"/>
        <source>Saves the main window (1366×768) as a PNG image and exits.</source>
        <translation>Salva a janela principal (1366×768) como imagem PNG e encerra.</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>With --review: accepts the report (the central level: consolidates it).</source>
        <translation>Com --review: aceita o relatório (no nível central: consolida).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --review: returns the report for correction, with this comment (the central level: to its URS).</source>
        <translation>Com --review: devolve o relatório para correção, com este comentário (no nível central: à sua URS).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>URS: prints one line per municipality for --month (IBGE code, name, state) and exits. COSEMS: one line per apoiador (id, name, state), then &quot;municipalities_reached&quot;, how many municipalities of the state the period&apos;s actions reached and how many it has.</source>
        <translation>URS: imprime uma linha por município para --month (código IBGE, nome, situação) e sai. COSEMS: uma linha por apoiador(a) (código, nome, situação) e, por último, &quot;municipalities_reached&quot;, quantos municípios do estado as ações do período alcançaram e quantos o estado tem.</translation>
    </message>
    <message>
        <location line="+152"/>
        <source>Unknown program &quot;%1&quot;: use one of %2.</source>
        <translation>Programa desconhecido &quot;%1&quot;: use um destes: %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unknown role &quot;%1&quot;: use one of %2.</source>
        <translation>Papel desconhecido &quot;%1&quot;: use um destes: %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--uf needs the two letters of a state, e.g. --uf BA.</source>
        <translation>--uf precisa da sigla de um estado, por exemplo --uf BA.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>--accept and --return are only used with --review REPORT_UUID.</source>
        <translation>--accept e --return só são usados com --review ID_DO_RELATÓRIO.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Unknown export &quot;%1&quot;: use one of %2.</source>
        <translation>Exportação desconhecida &quot;%1&quot;: use uma destas: %2.</translation>
    </message>
    <message>
        <location line="-41"/>
        <source>Use only one of --status, --screenshot, --export, --import-package, --sync, --pull, --review, --coverage and --forward at a time.</source>
        <translation>Use apenas um de --status, --screenshot, --export, --import-package, --sync, --pull, --review, --coverage e --forward por vez.</translation>
    </message>
    <message>
        <location line="-249"/>
        <source>Prints one line per report (its period: YYYY-MM, or YYYY-Qn in a quadrimestral program; state, revision; a reviewing level: the unit and the report&apos;s id) and exits.</source>
        <translation>Imprime uma linha por relatório (o período: AAAA-MM, ou AAAA-Qn num programa quadrimestral; situação, revisão; num nível que analisa: a unidade e o identificador do relatório) e encerra.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The report&apos;s period for --export, --coverage and --forward: YYYY-MM, or YYYY-Qn (n = 1, 2, 3) in a quadrimestral program.</source>
        <translation>O período do relatório para --export, --coverage e --forward: AAAA-MM, ou AAAA-Qn (n = 1, 2, 3) num programa quadrimestral.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+109"/>
        <location line="+3"/>
        <source>PERIOD</source>
        <translation>PERÍODO</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>The program this profile records (first use only): %1 (the first is the default).</source>
        <translation>O programa que este perfil registra (só no primeiro uso): %1 (o primeiro é o padrão).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>A reviewing level (URS, central level; COSEMS, CONASEMS): receives the reports and photos once, sends the decisions made here, and exits: 0 only when the local copy is up to date.</source>
        <translation>Um nível que analisa (URS, nível central; COSEMS, CONASEMS): recebe uma vez os relatórios e as fotos, envia as decisões tomadas aqui e sai: 0 só quando a cópia local está em dia.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>URS, COSEMS or central level: decides on a report&apos;s latest revision, with --accept or --return TEXT (at the central level: consolidates it, or returns it to its URS); the decision is sent at the next synchronization.</source>
        <translation>URS, COSEMS ou nível central: decide sobre a última revisão de um relatório, com --accept ou --return TEXTO (no nível central: consolida o relatório ou o devolve à sua URS); a decisão é enviada na próxima sincronização.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>URS, central: writes the Painel&apos;s data of --from to --to (optionally of one --urs NAME and one --theme CODE) to --out FILE.csv|FILE.xlsx (one row per municipality and month, for Excel) or the Balanço mensal to --out FILE.pdf (tiles, charts, tables and núcleos per URS), and exits. COSEMS, CONASEMS: the apoio panel&apos;s figures of --from to --to (YYYY-Qn) to --out FILE.csv|FILE.xlsx.</source>
        <translation>URS, nível central: grava os dados do Painel de --from a --to (opcionalmente de uma --urs NOME e de um --theme CÓDIGO) em --out ARQUIVO.csv|ARQUIVO.xlsx (uma linha por município e mês, para o Excel) ou o Balanço mensal em --out ARQUIVO.pdf (quadros, gráficos, tabelas e núcleos por URS), e sai. COSEMS, CONASEMS: os números do painel de apoio de --from a --to (AAAA-Qn) em --out ARQUIVO.csv|ARQUIVO.xlsx.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>With --panel: the first period.</source>
        <translation>Com --panel: o primeiro período.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --panel: the last period.</source>
        <translation>Com --panel: o último período.</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>--return needs the comment: what must be corrected.</source>
        <translation>--return precisa do comentário: o que deve ser corrigido.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--panel needs --from PERIOD, --to PERIOD (YYYY-MM, or YYYY-Qn in a quadrimestral program) and --out FILE.csv|FILE.xlsx|FILE.pdf.</source>
        <translation>--panel precisa de --from PERÍODO, --to PERÍODO (AAAA-MM, ou AAAA-Qn num programa quadrimestral) e --out ARQUIVO.csv|ARQUIVO.xlsx|ARQUIVO.pdf.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>--coverage needs --month PERIOD (YYYY-MM, or YYYY-Qn in a quadrimestral program).</source>
        <translation>--coverage precisa de --month PERÍODO (AAAA-MM, ou AAAA-Qn num programa quadrimestral).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>--forward needs --month YYYY-MM.</source>
        <translation>--forward precisa de --month AAAA-MM.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--export needs --out FILE.</source>
        <translation>--export precisa de --out ARQUIVO.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--export %1 needs --month YYYY-MM.</source>
        <translation>--export %1 precisa de --month AAAA-MM.</translation>
    </message>
</context>
<context>
    <name>Coverage</name>
    <message>
        <location filename="../core/regional/coverage.cpp" line="+39"/>
        <source>Sent on time</source>
        <translation>Enviado no prazo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sent late</source>
        <translation>Enviado com atraso</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No actions in the month (justified)</source>
        <translation>Sem ações no mês (justificado)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned for correction</source>
        <translation>Devolvido para correção</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not sent</source>
        <translation>Não enviado</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <location filename="../core/store/database.cpp" line="+28"/>
        <source>Mobiliza cannot write to %1. Check that the disk is connected, that it is not full and that your user may write there, then open Mobiliza again.</source>
        <translation>O Mobiliza não consegue gravar em %1. Verifique se o disco está conectado, se não está cheio e se o seu usuário tem permissão de gravação ali, e abra o Mobiliza novamente.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The file %1 is not a Mobiliza database or is damaged (%2). It was not changed. Restore a backup copy or choose another data folder.</source>
        <translation>O arquivo %1 não é um banco de dados do Mobiliza ou está danificado (%2). Ele não foi alterado. Restaure uma cópia de segurança ou escolha outra pasta de dados.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>The SQLite driver of Qt (QSQLITE) is not installed. Reinstall Mobiliza.</source>
        <translation>O driver SQLite do Qt (QSQLITE) não está instalado. Reinstale o Mobiliza.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The data in %1 was saved by a newer version of Mobiliza (data format %2; this version knows up to %3). Update Mobiliza to open it. Nothing was changed.</source>
        <translation>Os dados em %1 foram gravados por uma versão mais nova do Mobiliza (formato de dados %2; esta versão conhece até o %3). Atualize o Mobiliza para abri-los. Nada foi alterado.</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>The database in %1 is damaged (%2). Restore a backup copy and report this message to the support team.</source>
        <translation>O banco de dados em %1 está danificado (%2). Restaure uma cópia de segurança e informe esta mensagem à equipe de suporte.</translation>
    </message>
    <message>
        <location line="+109"/>
        <source>The backup copy %1 still holds the erased data and could not be changed or deleted. Delete that file by hand (close Mobiliza first).</source>
        <translation>A cópia de segurança %1 ainda guarda os dados apagados e não pôde ser alterada nem excluída. Exclua esse arquivo manualmente (feche o Mobiliza antes).</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The database is busy in another window or program. Close it and try again.</source>
        <translation>O banco de dados está em uso em outra janela ou programa. Feche-o e tente novamente.</translation>
    </message>
    <message>
        <location filename="../core/store/migrations.cpp" line="+48"/>
        <source>The data could not be updated to the format of this version of Mobiliza (step %1, &quot;%2&quot;: %3). Nothing was changed: the data is as it was before. Report this message to the support team.</source>
        <translation>Não foi possível atualizar os dados para o formato desta versão do Mobiliza (etapa %1, &quot;%2&quot;: %3). Nada foi alterado: os dados estão como antes. Informe esta mensagem à equipe de suporte.</translation>
    </message>
    <message>
        <location filename="../core/store/sql.cpp" line="+47"/>
        <source>The disk is full, so Mobiliza could not save (%1). What was saved before is intact. Free some space on the disk (empty the trash, move or delete files you no longer need) and try again.</source>
        <translation>O disco está cheio e o Mobiliza não conseguiu salvar (%1). O que já estava salvo continua intacto. Libere espaço no disco (esvazie a lixeira, mova ou apague arquivos de que não precisa mais) e tente de novo.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The data is in use by another Mobiliza window or program and could not be read or saved (%1). Close the other Mobiliza and try again.</source>
        <translation>Os dados estão em uso por outra janela do Mobiliza ou por outro programa e não puderam ser lidos nem salvos (%1). Feche o outro Mobiliza e tente de novo.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The data could not be saved or read (%1). Try again; if it keeps happening, check the free space on the disk.</source>
        <translation>Não foi possível gravar ou ler os dados (%1). Tente novamente; se continuar acontecendo, verifique o espaço livre no disco.</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>The database is damaged and could not be read (%1). Do not delete anything: copy the data folder to a safe place and contact the support team, who can restore it from a backup copy.</source>
        <translation>O banco de dados está danificado e não pôde ser lido (%1). Não apague nada: copie a pasta de dados para um lugar seguro e procure o suporte, que pode restaurá-la a partir de uma cópia de segurança.</translation>
    </message>
</context>
<context>
    <name>DemoData</name>
    <message>
        <location filename="../core/demo/demo_data.cpp" line="+99"/>
        <source>This profile already holds real reports or partners, so no demonstration data was added. Use --demo-data with a new, empty --data-dir.</source>
        <translation>Este perfil já tem relatórios ou parceiros reais; por isso nenhum dado de demonstração foi adicionado. Use --demo-data com uma pasta --data-dir nova e vazia.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose the profile&apos;s municipality before adding demonstration data.</source>
        <translation>Escolha o município do perfil antes de adicionar dados de demonstração.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The demonstration data could not be added: %1 Nothing was added to this profile.</source>
        <translation>Não foi possível adicionar os dados de demonstração: %1 Nada foi adicionado a este perfil.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The demonstration data could not be completed: %1 This profile now holds part of it (%2 report(s), %3 partner(s)), all marked as demonstration data. Free some space on the disk and use --demo-data with a new, empty --data-dir.</source>
        <translation>Não foi possível completar os dados de demonstração: %1 Este perfil ficou com uma parte deles (%2 relatório(s), %3 parceiro(s)), tudo marcado como dados de demonstração. Libere espaço no disco e use --demo-data com uma --data-dir nova e vazia.</translation>
    </message>
    <message>
        <location filename="../core/demo/regional_demo.cpp" line="+56"/>
        <source>Choose the profile&apos;s regional health unit (URS) before adding demonstration data.</source>
        <translation>Escolha a Unidade Regional de Saúde (URS) do perfil antes de adicionar os dados de demonstração.</translation>
    </message>
    <message>
        <location filename="../core/demo/apoio_demo.cpp" line="+400"/>
        <source>The demonstration data of this profile was cut short. Use --demo-data with a new, empty --data-dir.</source>
        <translation>Os dados de demonstração deste perfil ficaram incompletos. Use --demo-data com um --data-dir novo, vazio.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../core/demo/regional_demo.cpp" line="+10"/>
        <source>This profile already holds reports received from the hub, so no demonstration data was added. Use --demo-data with a new, empty --data-dir.</source>
        <translation>Este perfil já tem relatórios recebidos do hub, por isso nenhum dado de demonstração foi adicionado. Use --demo-data com um --data-dir novo e vazio.</translation>
    </message>
    <message>
        <location line="-209"/>
        <location line="+192"/>
        <source>Choose the profile&apos;s state before adding demonstration data.</source>
        <translation>Escolha o estado do perfil antes de adicionar dados de demonstração.</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../app/ui/dialogs.cpp" line="+27"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Images (*.jpg *.jpeg *.png *.webp *.gif *.bmp *.tif *.tiff *.JPG *.JPEG *.PNG);;All files (*)</source>
        <translation>Imagens (*.jpg *.jpeg *.png *.webp *.gif *.bmp *.tif *.tiff *.JPG *.JPEG *.PNG);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Open file</source>
        <translation>Abrir arquivo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No program on this computer opens %1. The file is saved; open it from its folder with the program you use for this kind of file.</source>
        <translation>Nenhum programa deste computador abre %1. O arquivo está salvo: abra-o pela pasta dele, com o programa que você usa para esse tipo de arquivo.</translation>
    </message>
</context>
<context>
    <name>EditorCommands</name>
    <message>
        <location filename="../app/ui/editor/editor_commands.cpp" line="+40"/>
        <source>Edit “%1”</source>
        <translation>Editar “%1”</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Change the partners of the action</source>
        <translation>Alterar os parceiros da ação</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Add an action</source>
        <translation>Adicionar uma ação</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Remove an action</source>
        <translation>Remover uma ação</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Move an action</source>
        <translation>Mover uma ação</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Add a photo</source>
        <translation>Adicionar uma foto</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Remove a photo</source>
        <translation>Remover uma foto</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Move a photo</source>
        <translation>Mover uma foto</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Edit a photo</source>
        <translation>Editar uma foto</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Change “No actions this month”</source>
        <translation>Alterar “Sem ações no mês”</translation>
    </message>
</context>
<context>
    <name>HistoryText</name>
    <message>
        <location filename="../app/ui/regional/history_text.cpp" line="+33"/>
        <source>An action of another revision</source>
        <translation>Uma ação de outra revisão</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action %1</source>
        <translation>Ação %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action %1, a photo of another revision</source>
        <translation>Ação %1, uma foto de outra revisão</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action %1, Photo %2</source>
        <translation>Ação %1, Foto %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Revision %1 received by the hub</source>
        <translation>Revisão %1 recebida pelo hub</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revision %1: %2</source>
        <translation>Revisão %1: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>made here, waits to be sent to the hub</source>
        <translation>feita nesta instalação, aguardando envio ao hub</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>made here, taken by the hub</source>
        <translation>feita nesta instalação, registrada pelo hub</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>made here, refused by the hub</source>
        <translation>feita nesta instalação, recusada pelo hub</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>made here, refused by the hub: %1</source>
        <translation>feita nesta instalação, recusada pelo hub: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>History (%1)</source>
        <translation>Histórico (%1)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Summary from the list of reports. The full history (who decided, from which installation, the notes) arrives at the next synchronization.</source>
        <translation>Resumo a partir da lista de relatórios. O histórico completo (quem decidiu, de qual instalação, as notas) chega na próxima sincronização.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Brought on %1; the hub has newer events, which arrive at the next synchronization.</source>
        <translation>Recebido em %1; o hub tem eventos mais novos, que chegam na próxima sincronização.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing recorded yet.</source>
        <translation>Nada registrado ainda.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>by %1</source>
        <translation>por %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>from this installation</source>
        <translation>desta instalação</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>from installation %1</source>
        <translation>da instalação %1</translation>
    </message>
</context>
<context>
    <name>Hub</name>
    <message>
        <location filename="../sync/hub/hub.cpp" line="+59"/>
        <source>The hub&apos;s disk is full, so nothing was stored. What it stored before is intact. Free space in the hub&apos;s data folder (or tell the regional office, URS), then try again.</source>
        <translation>O disco do servidor (hub) está cheio, então nada foi guardado. O que ele já tinha guardado continua intacto. Libere espaço na pasta de dados do hub (ou avise a Unidade Regional de Saúde, URS) e tente de novo.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The hub could not complete the request because of an internal error. Try again later; if it keeps happening, tell the regional office (URS).</source>
        <translation>O hub não conseguiu concluir o pedido por causa de um erro interno. Tente de novo mais tarde; se continuar acontecendo, avise a regional (URS).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not found on this hub.</source>
        <translation>Não encontrado neste hub.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The hub did not accept this installation&apos;s credentials. Enroll this installation again with a new code from the regional office (URS).</source>
        <translation>O hub não aceitou as credenciais desta instalação. Cadastre esta instalação de novo com um novo código da regional (URS).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>“%1” is not the IBGE code of a municipality of Minas Gerais. Use the 7-digit code, e.g. 3105608 for Barbacena.</source>
        <translation>“%1” não é o código IBGE de um município de Minas Gerais. Use o código de 7 dígitos, por exemplo 3105608 para Barbacena.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>“%1” is not the name of a URS (regional health office) of Minas Gerais. Check the spelling, e.g. Barbacena or Manhuaçu.</source>
        <translation>“%1” não é o nome de uma URS (Unidade Regional de Saúde) de Minas Gerais. Confira a grafia, por exemplo Barbacena ou Manhuaçu.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>This hub does not know the program “%1”. Known: %2.</source>
        <translation>Este hub não conhece o programa “%1”. Conhecidos: %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The program “%1” has no level “%2”. Its levels: %3.</source>
        <translation>O programa “%1” não tem o nível “%2”. Seus níveis: %3.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The level “%1” is enrolled with --municipality or --urs, as before.</source>
        <translation>O nível “%1” é cadastrado com --municipality ou --urs, como antes.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The level “%1” is enrolled by state: say which with --uf, e.g. --uf BA.</source>
        <translation>O nível “%1” é cadastrado por estado: diga qual com --uf, por exemplo --uf BA.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The level “%1” is not of one state: leave out --uf.</source>
        <translation>O nível “%1” não é de um estado: não use --uf.</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>URS %1</source>
        <translation>URS %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>central level</source>
        <translation>nível central</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_tokens.cpp" line="+56"/>
        <source>This enrollment code is not valid: it may be mistyped, already used or expired. Ask the regional office (URS) for a new code.</source>
        <translation>Este código de cadastro não é válido: pode ter sido digitado errado, já ter sido usado ou ter vencido. Peça um novo código à regional (URS).</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_blobs.cpp" line="+87"/>
        <source>The hub is keeping %1 MiB of photos from this installation that no report sent to it names yet, the most it keeps per installation (%2 MiB). Send the reports those photos belong to (their photos then count no more), or ask the regional office (URS) to raise the limit. Photos that no report names are discarded after 7 days.</source>
        <translation>O hub está guardando %1 MiB de fotos desta instalação que nenhum relatório enviado a ele cita ainda, o máximo que ele guarda por instalação (%2 MiB). Envie os relatórios a que essas fotos pertencem (então as fotos deixam de contar) ou peça à Unidade Regional de Saúde (URS) que aumente o limite. Fotos que nenhum relatório cita são descartadas após 7 dias.</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>The photo&apos;s name is not a SHA-256 (64 lower-case hexadecimal digits).</source>
        <translation>O nome da foto não é um SHA-256 (64 dígitos hexadecimais minúsculos).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The photo is larger than the hub accepts (%1 bytes at most). Reduce the photo and send it again.</source>
        <translation>A foto é maior do que o hub aceita (no máximo %1 bytes). Reduza a foto e envie de novo.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../sync/hub/hub_dispatch_routes.cpp" line="+44"/>
        <source>The photo arrived damaged (its content does not match its name). Nothing was stored; send it again.</source>
        <translation>A foto chegou danificada (o conteúdo não confere com o nome). Nada foi guardado; envie de novo.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_revisions.cpp" line="+50"/>
        <source>The hub already has revision %1 of this report with different content. A concluded revision is never replaced: reopen the report to send a new revision.</source>
        <translation>O hub já tem a revisão %1 deste relatório com outro conteúdo. Uma revisão concluída nunca é substituída: reabra o relatório para enviar uma nova revisão.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The hub already has a later revision (%1) of this report; revision %2 was not stored.</source>
        <translation>O hub já tem uma revisão mais recente (%1) deste relatório; a revisão %2 não foi guardada.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>The report is larger than the hub accepts (%1 bytes at most).</source>
        <translation>O relatório é maior do que o hub aceita (no máximo %1 bytes).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The report data is not a JSON object.</source>
        <translation>Os dados do relatório não são um objeto JSON.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The address of the request does not match the report it carries (report or revision).</source>
        <translation>O endereço do pedido não confere com o relatório enviado (relatório ou revisão).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This installation may only send reports of its own municipality.</source>
        <translation>Esta instalação só pode enviar relatórios do próprio município.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This report names another program than its reporting unit&apos;s (%1) on this hub; it was not stored.</source>
        <translation>Este relatório indica outro programa que não o da sua unidade informante (%1) neste hub; ele não foi guardado.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The hub already has this report for another municipality, program or month; this revision was not stored.</source>
        <translation>O hub já tem este relatório para outro município, programa ou mês; esta revisão não foi guardada.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The hub does not have %1 of the report&apos;s photos yet. Send them first.</source>
        <translation>O hub ainda não tem %1 das fotos do relatório. Envie as fotos primeiro.</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>--urs lists SES-MG&apos;s reports of a URS: leave out --program and --uf.</source>
        <translation>--urs lista os relatórios da SES-MG de uma URS: não use --program nem --uf.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>SES-MG&apos;s reports are listed by URS: use --urs instead of --uf.</source>
        <translation>Os relatórios da SES-MG são listados por URS: use --urs em vez de --uf.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This hub does not know the program “%1”.</source>
        <translation>Este hub não conhece o programa “%1”.</translation>
    </message>
    <message>
        <location line="-266"/>
        <source>This hub does not know the program “%1”. Ask the regional office (URS) to update the hub.</source>
        <translation>Este hub não conhece o programa “%1”. Peça à regional (URS) que atualize o hub.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_tokens.cpp" line="-31"/>
        <source>This installation has not connected to the hub for more than %1 days, so its access expired. Enroll it again with a new code from the regional office (URS); nothing in its outbox is lost.</source>
        <translation>Esta instalação não se conecta ao hub há mais de %1 dias, por isso o acesso dela expirou. Conecte-a novamente com um novo código da Unidade Regional de Saúde (URS); nada da caixa de saída se perde.</translation>
    </message>
    <message>
        <location line="+223"/>
        <source>This installation&apos;s access was renewed less than an hour ago; it is renewed again later.</source>
        <translation>O acesso desta instalação foi renovado há menos de uma hora; ele será renovado de novo mais tarde.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_revisions.cpp" line="-12"/>
        <source>Only the municipality&apos;s own installation sends its reports. A regional (URS) or central installation cannot send or change them.</source>
        <translation>Somente a instalação do próprio município envia os relatórios dele. Uma instalação regional (URS) ou do nível central não pode enviá-los nem alterá-los.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The report&apos;s municipality (%1) is not in the reference table of Minas Gerais.</source>
        <translation>O município do relatório (%1) não está na tabela de referência de Minas Gerais.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The report did not pass the program&apos;s checks. Correct what is listed and conclude it again.</source>
        <translation>O relatório não passou nas verificações do programa. Corrija o que está listado e conclua de novo.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_reviews.cpp" line="+32"/>
        <source>Say what the regional office must look at again: a report returned to the URS needs a comment.</source>
        <translation>Diga o que a URS deve rever: um relatório devolvido à URS precisa de um comentário.</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Only the reviewing levels (a URS or the central level; a COSEMS or CONASEMS) review reports. This installation sends its own reports and receives their reviews.</source>
        <translation>Só os níveis que analisam (uma URS ou o nível central; um COSEMS ou o CONASEMS) analisam relatórios. Esta instalação envia os seus relatórios e recebe as análises deles.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Say what must be corrected: a returned report needs a comment.</source>
        <translation>Diga o que deve ser corrigido: um relatório devolvido precisa de um comentário.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Only the central level consolidates a report or returns it to the regional office (URS).</source>
        <translation>Só o nível central consolida um relatório ou o devolve à URS.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The address must name a review decision (UUID).</source>
        <translation>O endereço precisa indicar uma decisão de análise (UUID).</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Unknown review decision “%1”.</source>
        <translation>Decisão de análise desconhecida: “%1”.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The hub already has another review decision with this identifier. Nothing was changed; make the decision again.</source>
        <translation>O hub já tem outra decisão de análise com este identificador. Nada foi alterado; tome a decisão de novo.</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>There is no report %1 on this hub.</source>
        <translation>Não existe o relatório %1 neste hub.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_revisions.cpp" line="+224"/>
        <source>“%1” is not a month. Use YYYY-MM, e.g. 2026-10.</source>
        <translation>“%1” não é um mês. Use AAAA-MM, por exemplo 2026-10.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_partners.cpp" line="+14"/>
        <source>Only the municipality&apos;s own installation writes and erases its partners. A regional (URS) or central installation can only read them.</source>
        <translation>Somente a instalação do próprio município cadastra e apaga os parceiros dele. Uma instalação regional (URS) ou do nível central só pode consultá-los.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The hub already has this partner for another municipality. A partner always stays with the municipality that registered it; nothing was changed.</source>
        <translation>O hub já tem este parceiro em outro município. Um parceiro fica sempre com o município que o cadastrou; nada foi alterado.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The address of the request does not match the partner it carries.</source>
        <translation>O endereço do pedido não confere com o parceiro enviado.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>The partner&apos;s municipality is not valid.</source>
        <translation>O município do parceiro não é válido.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This installation may only send partners of its own municipality.</source>
        <translation>Esta instalação só pode enviar parceiros do próprio município.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_pull.cpp" line="+18"/>
        <source>Only the regional office (URS) and the central level copy reports from the hub. This installation sends its own reports and receives their reviews.</source>
        <translation>Só a regional (URS) e o nível central copiam relatórios do hub. Esta instalação envia os próprios relatórios e recebe as revisões deles.</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>This list exists only for a program whose reports are made by people (apoiadores); the municipalities of a URS come from the reference table.</source>
        <translation>Esta lista existe só para um programa cujos relatórios são feitos por pessoas (apoiadores); os municípios de uma URS vêm da tabela de referência.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_batches.cpp" line="+19"/>
        <source>Only a regional office (URS) sends batches of accepted reports to the central level.</source>
        <translation>Somente uma regional (URS) envia lotes de relatórios aceitos ao nível central.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Batches forward SES-MG&apos;s reports to its central level; this installation&apos;s program has none.</source>
        <translation>Os lotes encaminham os relatórios da SES-MG ao seu nível central; o programa desta instalação não tem lotes.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The address must name a batch (UUID).</source>
        <translation>O endereço deve identificar um lote (UUID).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The address of the request does not match the batch it carries.</source>
        <translation>O endereço da requisição não corresponde ao lote enviado.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A regional office (URS) sends only its own batches: this one names another URS.</source>
        <translation>Uma regional (URS) envia somente os próprios lotes: este indica outra URS.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>The batch was not received: reports that cannot be forwarded: %1 (not accepted, changed, of another month or not found). Nothing was stored; make the batch again.</source>
        <translation>O lote não foi recebido: relatórios que não podem ser encaminhados: %1 (não aceitos, alterados, de outro mês ou não encontrados). Nada foi gravado; monte o lote de novo.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The hub already has another batch with this identifier. Nothing was changed; make the batch again.</source>
        <translation>O hub já tem outro lote com este identificador. Nada foi alterado; monte o lote de novo.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_imports.cpp" line="+16"/>
        <source>Only the regional office (URS) and the central level import report package files. This installation sends its own reports.</source>
        <translation>Somente a regional (URS) e o nível central importam arquivos de pacote de relatório. Esta instalação envia os próprios relatórios.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The address must name the package file by its SHA-256 (64 lower-case hex digits).</source>
        <translation>O endereço deve identificar o arquivo de pacote pelo SHA-256 (64 dígitos hexadecimais minúsculos).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The package file arrived damaged (its content does not match its name). Nothing was stored; send it again.</source>
        <translation>O arquivo de pacote chegou danificado (o conteúdo não corresponde ao nome). Nada foi gravado; envie-o de novo.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_partners_region.cpp" line="+15"/>
        <source>Only the regional office (URS) and the central level read the partners of the region. This installation sends its own partners.</source>
        <translation>Só a unidade regional (URS) e o nível central leem os parceiros da região. Esta instalação envia os seus próprios parceiros.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_targets.cpp" line="+17"/>
        <source>This installation&apos;s program has no targets on this hub.</source>
        <translation>O programa desta instalação não tem metas neste hub.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The central level has not published targets yet.</source>
        <translation>O nível central ainda não publicou metas.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Only the central level publishes the targets.</source>
        <translation>Só o nível central publica as metas.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The hub already holds targets of revision %1, newer than these (%2). Synchronize again: the edit is sent as a newer revision.</source>
        <translation>O hub já tem as metas da revisão %1, mais novas que estas (%2). Sincronize de novo: a alteração é enviada como uma revisão mais nova.</translation>
    </message>
</context>
<context>
    <name>HubCli</name>
    <message>
        <location filename="../sync/hub/hub_cli.cpp" line="+91"/>
        <source>Run “mobiliza-hub --help” to see the commands and their options.</source>
        <translation>Execute “mobiliza-hub --help” para ver os comandos e suas opções.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_cli_stats.cpp" line="+43"/>
        <source>database size (pg_database_size)</source>
        <translation>tamanho do banco de dados (pg_database_size)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>database size (SQLite file and its WAL)</source>
        <translation>tamanho do banco de dados (arquivo SQLite e seu WAL)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>photo files</source>
        <translation>arquivos de fotos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bytes of photo files</source>
        <translation>bytes dos arquivos de fotos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>photos a received report names</source>
        <translation>fotos citadas por um relatório recebido</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bytes of photos a received report names</source>
        <translation>bytes das fotos citadas por um relatório recebido</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>photos no report names yet (collected after 7 days)</source>
        <translation>fotos que nenhum relatório cita ainda (apagadas após 7 dias)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bytes of photos no report names yet</source>
        <translation>bytes das fotos que nenhum relatório cita ainda</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>free space for the data folder %1</source>
        <translation>espaço livre para a pasta de dados %1</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>tokens in use</source>
        <translation>tokens em uso</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tokens revoked</source>
        <translation>tokens revogados</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tokens expired (unused for too long)</source>
        <translation>tokens expirados (sem uso por tempo demais)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tokens replaced by a renewal</source>
        <translation>tokens substituídos por uma renovação</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>reports received</source>
        <translation>relatórios recebidos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>revisions received</source>
        <translation>revisões recebidas</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>quota per token of photos no report names (serve --quota-mib)</source>
        <translation>cota por token de fotos que nenhum relatório cita (serve --quota-mib)</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_cli_options.cpp" line="+120"/>
        <source>answer the installations (HTTP)</source>
        <translation>atende as instalações (HTTP)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>issue a one-time enrollment code</source>
        <translation>emite um código de cadastro de uso único</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>revoke tokens</source>
        <translation>revoga credenciais</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>list the tokens</source>
        <translation>lista as credenciais</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>list the received revisions</source>
        <translation>lista as revisões recebidas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accept or return the latest revision of a report</source>
        <translation>aceita ou devolve a última revisão de um relatório</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>import a report package or a batch file</source>
        <translation>importar um pacote de relatório ou um arquivo de lote</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>list the batches sent to the central level</source>
        <translation>listar os lotes enviados ao nível central</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>write a batch&apos;s receipt file for the URS again</source>
        <translation>grava de novo o arquivo de recibo de um lote para a URS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>show the hub&apos;s disk use, tokens and reports</source>
        <translation>mostrar o uso de disco, os tokens e os relatórios do hub</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mobiliza hub: receives the municipalities&apos; reports, checks them and sends the review back.</source>
        <translation>Hub do Mobiliza: recebe os relatórios dos municípios, verifica-os e devolve o resultado da análise.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Commands:</source>
        <translation>Comandos:</translation>
    </message>
    <message>
        <location line="-121"/>
        <source>Address and port to listen on (port 0: any free port).</source>
        <translation>Endereço e porta em que escutar (porta 0: qualquer porta livre).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The hub&apos;s data folder.</source>
        <translation>A pasta de dados do hub.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PostgreSQL database (postgresql://user:password@host:port/database) instead of SQLite in the data folder; or set MOBILIZA_HUB_DB.</source>
        <translation>Banco PostgreSQL (postgresql://usuário:senha@servidor:porta/banco) em vez do SQLite na pasta de dados; ou defina MOBILIZA_HUB_DB.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The hub&apos;s name shown to installations.</source>
        <translation>O nome do hub mostrado às instalações.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The hub&apos;s identifier (default: from its name).</source>
        <translation>O identificador do hub (padrão: derivado do nome).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Access log file, or - for standard error (default: DIR/access.log).</source>
        <translation>Arquivo do registro de acessos, ou - para a saída de erros (padrão: DIR/access.log).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Take the client&apos;s address from X-Forwarded-For when the request comes from a proxy on this machine.</source>
        <translation>Usar o endereço do cliente informado em X-Forwarded-For quando o pedido vem de um proxy nesta máquina.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>serve: worker threads, each with its own database connection.</source>
        <translation>serve: threads de trabalho, cada uma com sua própria conexão ao banco de dados.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>serve: seconds a silent connection is kept open.</source>
        <translation>serve: segundos que uma conexão em silêncio é mantida aberta.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>serve: open connections in all (default: as many as the system allows).</source>
        <translation>serve: conexões abertas no total (padrão: quantas o sistema permitir).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>serve: open connections from one address (0: no limit; with --trust-proxy, none).</source>
        <translation>serve: conexões abertas de um mesmo endereço (0: sem limite; com --trust-proxy, nenhum).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>serve: MiB of photos one installation may have on the hub that no report sent names yet (0: no limit).</source>
        <translation>serve: MiB de fotos que uma instalação pode ter no hub sem que nenhum relatório enviado as cite (0: sem limite).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Days after which a token not used is refused (0: never).</source>
        <translation>Dias sem uso após os quais um token é recusado (0: nunca).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>stats: how many tokens to list by photos awaiting a report.</source>
        <translation>stats: quantos tokens listar pelas fotos à espera de um relatório.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>IBGE code of a municipality.</source>
        <translation>Código IBGE de um município.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name of a URS (regional health office).</source>
        <translation>Nome de uma URS (Unidade Regional de Saúde).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The central level (sees every municipality).</source>
        <translation>O nível central (vê todos os municípios).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>enroll: the program of a --role (default: ses_mg_mobilizacao); reports: only this program.</source>
        <translation>enroll: o programa de um --role (padrão: ses_mg_mobilizacao); reports: só este programa.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>enroll: a level of a program set up by state, e.g. apoiador, cosems or conasems with --program apoio_cosems.</source>
        <translation>enroll: um nível de um programa organizado por estado, por exemplo apoiador, cosems ou conasems com --program apoio_cosems.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>enroll: the state of an apoiador or a COSEMS.</source>
        <translation>enroll: o estado de um(a) apoiador(a) ou de um COSEMS.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A note to recognize the enrollment later.</source>
        <translation>Uma anotação para reconhecer o cadastro depois.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The token&apos;s id (see “tokens”).</source>
        <translation>O identificador da credencial (veja “tokens”).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only this month.</source>
        <translation>Somente este mês.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The report&apos;s id (UUID).</source>
        <translation>O identificador do relatório (UUID).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accept the latest revision.</source>
        <translation>Aceitar a última revisão.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Return the latest revision with this comment.</source>
        <translation>Devolver a última revisão com este comentário.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Who reviews (default: the system user).</source>
        <translation>Quem analisa (padrão: o usuário do sistema).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>receipt: the batch&apos;s id (UUID).</source>
        <translation>receipt: o identificador do lote (UUID).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>import: where the batch&apos;s receipt file goes (default: beside the batch file, .mobiliza-recibo).</source>
        <translation>import: onde gravar o arquivo de recibo do lote (padrão: ao lado do arquivo de lote, .mobiliza-recibo).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>receipt: the file to write (default: lote-URS-MONTH.mobiliza-recibo).</source>
        <translation>receipt: o arquivo a gravar (padrão: lote-URS-MÊS.mobiliza-recibo).</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>serve, enroll, revoke, tokens, reports, review, import, batches, receipt or stats</source>
        <translation>serve, enroll, revoke, tokens, reports, review, import, batches, receipt ou stats</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>import: the package or batch file</source>
        <translation>import: o arquivo de pacote ou de lote</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_cli.cpp" line="+136"/>
        <source>Say which command to run.</source>
        <translation>Diga qual comando executar.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Unknown command “%1”.</source>
        <translation>Comando desconhecido: “%1”.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unexpected argument “%1”.</source>
        <translation>Argumento inesperado: “%1”.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Say where the hub&apos;s data folder is with --data DIR.</source>
        <translation>Diga onde fica a pasta de dados do hub com --data DIR.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Say who the code is for: --municipality IBGE, --urs NAME, --central, or --role LEVEL (with --program and, for a level of one state, --uf) — one of them.</source>
        <translation>Diga para quem é o código: --municipality IBGE, --urs NOME, --central ou --role NÍVEL (com --program e, para um nível de um estado, --uf) — apenas um deles.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--program and --uf go with --role, e.g. --program apoio_cosems --role apoiador --uf BA.</source>
        <translation>--program e --uf acompanham --role, por exemplo --program apoio_cosems --role apoiador --uf BA.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Say what to revoke: --token-id ID or --municipality IBGE (one of them).</source>
        <translation>Diga o que revogar: --token-id ID ou --municipality IBGE (apenas um deles).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Say which report (--report ID) and the decision: --accept or --return COMMENT.</source>
        <translation>Diga qual relatório (--report ID) e a decisão: --accept ou --return COMENTÁRIO.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Say which package file to import.</source>
        <translation>Diga qual arquivo de pacote importar.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Say which batch with --batch UUID (see “batches”).</source>
        <translation>Diga qual lote com --batch UUID (veja “batches”).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>--receipt FILE goes with import; --batch UUID and --out FILE go with receipt.</source>
        <translation>--receipt ARQUIVO vai com import; --batch UUID e --out ARQUIVO vão com receipt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1” is not an address and port. Use e.g. 127.0.0.1:8080.</source>
        <translation>“%1” não é um endereço com porta. Use, por exemplo, 127.0.0.1:8080.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>--%1 takes a whole number (e.g. %2).</source>
        <translation>--%1 recebe um número inteiro (por exemplo, %2).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--trust-proxy is for a hub behind nginx on the same machine: listen on 127.0.0.1 (e.g. --listen 127.0.0.1:8080).</source>
        <translation>--trust-proxy é para um hub atrás do nginx na mesma máquina: escute em 127.0.0.1 (por exemplo, --listen 127.0.0.1:8080).</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The hub could not listen on %1 (%2). Check that no other program uses that port and that the address belongs to this machine.</source>
        <translation>O hub não conseguiu escutar em %1 (%2). Verifique se nenhum outro programa usa essa porta e se o endereço pertence a esta máquina.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Unreferenced photo files could not be deleted: %1</source>
        <translation>Não foi possível apagar os arquivos de foto que nada mais usa: %1</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>One-time enrollment code for %1, valid until %2. Type it in Mobiliza (Sincronização); it works once:</source>
        <translation>Código de cadastro de uso único para %1, válido até %2. Digite-o no Mobiliza (Sincronização); ele funciona uma só vez:</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>No active token matched; nothing was revoked. See the tokens with “mobiliza-hub tokens”.</source>
        <translation>Nenhuma credencial ativa corresponde; nada foi revogado. Veja as credenciais com “mobiliza-hub tokens”.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tokens revoked: %1. Those installations must be enrolled again with a new code.</source>
        <translation>Credenciais revogadas: %1. Essas instalações precisam ser cadastradas de novo com um novo código.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Report %1 (%2, %3), revision %4: %5.</source>
        <translation>Relatório %1 (%2, %3), revisão %4: %5.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_cli_batches.cpp" line="+32"/>
        <source>The batch is recorded here; write its receipt again with “mobiliza-hub receipt --batch %1 --out FILE”.</source>
        <translation>O lote está registrado aqui; grave o recibo de novo com “mobiliza-hub receipt --batch %1 --out ARQUIVO”.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Receipt for the URS written to %1: take it back to the URS (Batches page, “Import receipt…”).</source>
        <translation>Recibo para a URS gravado em %1: leve-o de volta à URS (página Lotes, “Importar recibo…”).</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Received batch %1 of URS %2 (%3): %4 reports forwarded, %5 imported now, as %6.</source>
        <translation>Lote %1 da URS %2 (%3) recebido: %4 relatórios encaminhados, %5 importados agora, como %6.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Batch %1 of URS %2 (%3), %4 reports, was already here as %6 (%5 imported now).</source>
        <translation>O lote %1 da URS %2 (%3), com %4 relatórios, já estava aqui como %6 (%5 importados agora).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Imported report %1 (%2, %3), revision %4, as %5.</source>
        <translation>Relatório %1 (%2, %3), revisão %4, importado como %5.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report %1 (%2, %3), revision %4, was already here as %5.</source>
        <translation>Relatório %1 (%2, %3), revisão %4, já estava aqui como %5.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This hub has no batch %1. See the batches it has with “mobiliza-hub batches”.</source>
        <translation>Este hub não tem o lote %1. Veja os lotes que ele tem com “mobiliza-hub batches”.</translation>
    </message>
</context>
<context>
    <name>HubClient</name>
    <message>
        <location filename="../sync/client/hub_client.cpp" line="+109"/>
        <source>Lab setting on (%1=1): this hub address uses plain http://, so the access key and partners&apos; contacts travel unprotected over the network. Use it only on a test network, never with real data.</source>
        <translation>Configuração de laboratório ligada (%1=1): este endereço do hub usa http:// simples, então a chave de acesso e os contatos dos parceiros viajam pela rede sem proteção. Use somente numa rede de testes, nunca com dados reais.</translation>
    </message>
</context>
<context>
    <name>HubError</name>
    <message>
        <location filename="../sync/client/hub_client_errors.cpp" line="+83"/>
        <source>The hub could not read this report (%1). Tell the URS, and check that Mobiliza is up to date.</source>
        <translation>O hub não conseguiu ler este relatório (%1). Avise a URS e confira se o Mobiliza está atualizado.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The hub did not understand a request from this computer. Check that Mobiliza is up to date; it will try again automatically.</source>
        <translation>O hub não entendeu um pedido deste computador. Confira se o Mobiliza está atualizado; ele tentará de novo automaticamente.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This computer&apos;s access to the hub expired because it did not connect for a long time. Ask the URS for a new enrollment code and connect again on the Synchronization page. Nothing was lost: the reports stay in the outbox.</source>
        <translation>O acesso deste computador ao hub expirou porque ele ficou muito tempo sem se conectar. Peça à URS um novo código de conexão e conecte-se de novo na página Sincronização. Nada se perdeu: os relatórios continuam na caixa de saída.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The URS already has a newer version of this month&apos;s report. Contact the URS before sending this one.</source>
        <translation>A URS já tem uma versão mais nova do relatório deste mês. Fale com a URS antes de enviar esta.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The hub is keeping as many photos from this computer as it allows for reports it has not received yet. Mobiliza will try again later; if this lasts, tell the URS (it can raise the limit).</source>
        <translation>O hub já guarda tantas fotos deste computador quanto permite para relatórios que ainda não recebeu. O Mobiliza tentará de novo mais tarde; se isso continuar, avise a URS (ela pode aumentar o limite).</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../sync/client/sync_engine.cpp" line="+279"/>
        <source>This report is larger than the hub accepts. Ask the URS to raise the limit; Mobiliza will try again later.</source>
        <translation>Este relatório é maior do que o hub aceita. Peça à URS para aumentar o limite; o Mobiliza tentará de novo mais tarde.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The hub refused the list of this report&apos;s photos to check as too long (its limits changed). Nothing is wrong with the photos; Mobiliza will try again later in smaller parts. If this repeats, tell the URS.</source>
        <translation>O hub recusou, por ser longa demais, a lista de fotos deste relatório a conferir (os limites dele mudaram). As fotos não têm nenhum problema; o Mobiliza tentará de novo mais tarde, em partes menores. Se isso se repetir, avise a URS.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This partner&apos;s record is larger than the hub accepts. Tell the URS; Mobiliza will try again later.</source>
        <translation>O cadastro deste parceiro é maior do que o hub aceita. Avise a URS; o Mobiliza tentará de novo mais tarde.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The hub refused a request from this computer as too large. Check that Mobiliza is up to date; it will try again automatically.</source>
        <translation>O hub recusou um pedido deste computador por ser grande demais. Confira se o Mobiliza está atualizado; ele tentará de novo automaticamente.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A photo arrived damaged at the hub (the connection changed it on the way). It will be sent again automatically.</source>
        <translation>Uma foto chegou danificada ao hub (a conexão a alterou no caminho). Ela será enviada de novo automaticamente.</translation>
    </message>
    <message>
        <location filename="../sync/client/hub_error.cpp" line="+95"/>
        <source>This computer could not reach the hub: it seems to be offline, or the hub address is wrong. Reports stay safe in the outbox and are sent automatically when the connection returns.</source>
        <translation>Este computador não conseguiu falar com o hub: parece estar sem internet, ou o endereço do hub está errado. Os relatórios ficam seguros na fila de envio e são enviados automaticamente quando a conexão voltar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This computer could not reach the hub at %1: it seems to be offline, or the hub address is wrong. Reports stay safe in the outbox and are sent automatically when the connection returns.</source>
        <translation>Este computador não conseguiu falar com o hub em %1: parece estar sem internet, ou o endereço do hub está errado. Os relatórios ficam seguros na fila de envio e são enviados automaticamente quando a conexão voltar.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The hub did not answer, or the connection was cut. It may be off, or the network is unstable. Mobiliza will try again automatically.</source>
        <translation>O hub não respondeu, ou a conexão caiu. Ele pode estar desligado, ou a rede está instável. O Mobiliza tentará de novo automaticamente.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The hub at %1 did not answer, or the connection was cut. It may be off, or the network is unstable. Mobiliza will try again automatically.</source>
        <translation>O hub em %1 não respondeu, ou a conexão caiu. Ele pode estar desligado, ou a rede está instável. O Mobiliza tentará de novo automaticamente.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The hub took too long to answer (slow or unstable connection). Mobiliza will try again automatically; photos already sent are not sent again.</source>
        <translation>O hub demorou demais para responder (conexão lenta ou instável). O Mobiliza tentará de novo automaticamente; as fotos já enviadas não são enviadas de novo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A secure connection with the hub could not be established. Check that this computer&apos;s date and time are right; if they are, tell the URS (the hub&apos;s certificate may be invalid).</source>
        <translation>Não foi possível estabelecer uma conexão segura com o hub. Confira se a data e a hora deste computador estão certas; se estiverem, avise a URS (o certificado do hub pode estar inválido).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This computer is connected to its hub with a plain http:// address, which would carry the access key and partners&apos; contacts unprotected, so nothing was sent. Connect again on the Synchronization page with the https:// address given by the URS (a new enrollment code is needed). Nothing was lost: the reports stay in the outbox.</source>
        <translation>Este computador está conectado ao hub por um endereço http:// simples, que levaria a chave de acesso e os contatos dos parceiros sem proteção; por isso nada foi enviado. Conecte de novo na página Sincronização com o endereço https:// informado pela URS (é preciso um novo código de cadastro). Nada se perdeu: os relatórios continuam na fila de envio.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The answer did not come from the hub of your URS: a network login page (hotel or public Wi-Fi) or a proxy is in the way. Open a web browser, log in to the network, then choose &quot;Sync now&quot;. Nothing was counted as sent.</source>
        <translation>A resposta não veio do hub da sua URS: uma página de login da rede (Wi-Fi de hotel ou público) ou um proxy está no caminho. Abra o navegador, entre na rede e escolha &quot;Sincronizar agora&quot;. Nada foi contado como enviado.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The hub no longer accepts this computer (its access was revoked or replaced). Ask the URS for a new enrollment code and connect again on the Synchronization page.</source>
        <translation>O hub não aceita mais este computador (o acesso foi revogado ou substituído). Peça à URS um novo código de cadastro e conecte de novo na página Sincronização.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The enrollment code was not accepted: it may be mistyped, already used or expired (codes last 14 days). Check it, or ask the URS for a new code.</source>
        <translation>O código de cadastro não foi aceito: pode ter sido digitado errado, já ter sido usado ou ter vencido (os códigos valem 14 dias). Confira o código ou peça um novo à URS.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The hub refused: this computer is enrolled for another municipality or region. Check the enrollment with the URS.</source>
        <translation>O hub recusou: este computador está cadastrado para outro município ou região. Confira o cadastro com a URS.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server at this address is not a Mobiliza hub, or the address is incomplete. Check the hub address with the URS.</source>
        <translation>O servidor neste endereço não é um hub do Mobiliza, ou o endereço está incompleto. Confira o endereço do hub com a URS.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Another version of this month&apos;s report was already sent to the URS (from another computer, or before a correction). Contact the URS to decide which one is valid.</source>
        <translation>Outra versão do relatório deste mês já foi enviada à URS (de outro computador, ou antes de uma correção). Fale com a URS para decidir qual vale.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Some photos did not reach the hub. They will be sent again automatically.</source>
        <translation>Algumas fotos não chegaram ao hub. Elas serão enviadas de novo automaticamente.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A photo is larger than the hub accepts. Replace it with a smaller photo, or ask the URS to raise the limit. Mobiliza will try again later.</source>
        <translation>Uma foto é maior do que o hub aceita. Troque-a por uma foto menor, ou peça à URS para aumentar o limite. O Mobiliza tentará de novo mais tarde.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The hub did not accept this report: its rules found problems (listed below). Withdraw the report, correct it and conclude it again.</source>
        <translation>O hub não aceitou este relatório: as regras dele encontraram problemas (listados abaixo). Retire o relatório, corrija-o e conclua-o de novo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The hub is busy and asked to wait before sending more. Mobiliza will try again automatically.</source>
        <translation>O hub está ocupado e pediu para esperar antes de enviar mais. O Mobiliza tentará de novo automaticamente.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The hub has a problem right now (not this computer). Mobiliza will try again automatically; if it lasts for days, tell the URS.</source>
        <translation>O hub está com um problema agora (não este computador). O Mobiliza tentará de novo automaticamente; se durar dias, avise a URS.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A file of this report could not be read on this computer.</source>
        <translation>Um arquivo deste relatório não pôde ser lido neste computador.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The synchronization was stopped before it finished. It continues on the next one.</source>
        <translation>A sincronização foi interrompida antes de terminar. Ela continua na próxima.</translation>
    </message>
    <message>
        <location filename="../sync/client/hub_client_regional.cpp" line="+168"/>
        <source>The hub already has another decision with this identifier. The decision was set aside; make it again.</source>
        <translation>O hub já tem outra decisão com este identificador. A decisão foi deixada de lado; faça-a novamente.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>The hub did not take the batch: some reports cannot be forwarded (%1). Nothing was forwarded; synchronize and make the batch again.</source>
        <translation>O hub não aceitou o lote: alguns relatórios não podem ser encaminhados (%1). Nada foi encaminhado; sincronize e faça o lote de novo.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The hub holds newer targets than this edit. Synchronize again: the edit is sent as a newer revision.</source>
        <translation>O hub tem metas mais novas que esta alteração. Sincronize de novo: a alteração é enviada como uma revisão mais nova.</translation>
    </message>
</context>
<context>
    <name>HubServer</name>
    <message>
        <location filename="../sync/hub/hub_dispatch.cpp" line="+300"/>
        <source>This address does not accept this kind of request.</source>
        <translation>Este endereço não aceita este tipo de pedido.</translation>
    </message>
    <message>
        <location line="-213"/>
        <source>The request is larger than the hub accepts (%1 bytes at most for this address).</source>
        <translation>O pedido é maior do que o hub aceita (no máximo %1 bytes para este endereço).</translation>
    </message>
    <message>
        <location line="+223"/>
        <location line="+85"/>
        <source>This request takes no body.</source>
        <translation>Este pedido não leva corpo.</translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Too many enrollment attempts from this address. Wait a minute and try again.</source>
        <translation>Tentativas de cadastro demais a partir deste endereço. Espere um minuto e tente de novo.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Too many requests from this installation. Mobiliza will try again shortly.</source>
        <translation>Pedidos demais desta instalação. O Mobiliza tentará de novo em instantes.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_dispatch_routes.cpp" line="+73"/>
        <source>The address must name a report (UUID) and a revision number.</source>
        <translation>O endereço precisa indicar um relatório (UUID) e um número de revisão.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The request must list from 1 to %1 different revisions, each a report (UUID) and a revision number.</source>
        <translation>O pedido deve listar de 1 a %1 revisões diferentes, cada uma com um relatório (UUID) e um número de revisão.</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+41"/>
        <location line="+77"/>
        <source>“since” and “limit” must be whole numbers (limit at least 1).</source>
        <translation>“since” e “limit” precisam ser números inteiros (limit de no mínimo 1).</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>The address must name a partner (UUID).</source>
        <translation>O endereço precisa indicar um parceiro (UUID).</translation>
    </message>
</context>
<context>
    <name>HubStore</name>
    <message>
        <location filename="../sync/hub/hub_store.cpp" line="+41"/>
        <source>The hub cannot write to %1. Check that the folder exists, that the disk is not full and that the hub&apos;s user may write there.</source>
        <translation>O hub não consegue gravar em %1. Confira se a pasta existe, se o disco não está cheio e se o usuário do hub pode gravar ali.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The hub&apos;s database %1 could not be opened (%2). Check the address, the user and the password, and that the database server is running.</source>
        <translation>Não foi possível abrir o banco de dados do hub %1 (%2). Confira o endereço, o usuário e a senha e se o servidor de banco de dados está funcionando.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The hub&apos;s database was written by a newer version of mobiliza-hub (schema %1; this one knows up to %2). It was not changed. Install the newer mobiliza-hub.</source>
        <translation>O banco de dados do hub foi gravado por uma versão mais nova do mobiliza-hub (esquema %1; esta conhece até o %2). Ele não foi alterado. Instale o mobiliza-hub mais novo.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_store_tokens.cpp" line="+24"/>
        <source>This enrollment code is not valid: it may be mistyped, already used or expired. Ask the regional office (URS) for a new code.</source>
        <translation>Este código de cadastro não é válido: pode ter sido digitado errado, já ter sido usado ou ter vencido. Peça um novo código à regional (URS).</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>This code is for the program “%1”, and this installation keeps the reports of “%2”. The code was not used: type it in the right installation, or ask for a code of your program.</source>
        <translation>Este código é do programa “%1”, e esta instalação guarda os relatórios de “%2”. O código não foi usado: digite-o na instalação certa ou peça um código do seu programa.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This code is for the state %1, and this installation is of %2. The code was not used: ask for a code for %2.</source>
        <translation>Este código é do estado %1, e esta instalação é de %2. O código não foi usado: peça um código para %2.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This code enrolls an apoiador, and the request did not say which installation it is. Update Mobiliza and enroll again.</source>
        <translation>Este código cadastra um(a) apoiador(a), e o pedido não disse qual é a instalação. Atualize o Mobiliza e faça o cadastro de novo.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Another installation already reports as this apoiador (%1). Enroll from the installation that made it, or ask the hub&apos;s administrator.</source>
        <translation>Outra instalação já informa como este(a) apoiador(a) (%1). Faça o cadastro na instalação que o criou ou fale com o administrador do hub.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This installation is already enrolled as an apoiador of another state (%1), and its reports stay there. An apoiador of %2 uses a new installation (another data folder).</source>
        <translation>Esta instalação já está cadastrada como apoiador(a) de outro estado (%1), e os seus relatórios ficam lá. Um(a) apoiador(a) de %2 usa uma nova instalação (outra pasta de dados).</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_store.cpp" line="+100"/>
        <source>The database address is not valid. Use postgresql://user:password@host:port/database.</source>
        <translation>O endereço do banco de dados não é válido. Use postgresql://usuário:senha@servidor:porta/banco.</translation>
    </message>
    <message>
        <location filename="../sync/hub/hub_store_partners.cpp" line="+90"/>
        <source>The partner belongs to another municipality; it was not changed.</source>
        <translation>O parceiro pertence a outro município; ele não foi alterado.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/ui/regional/regional_pages.cpp" line="+65"/>
        <location line="+42"/>
        <source>Panel</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+41"/>
        <source>Synchronization</source>
        <translation>Sincronização</translation>
    </message>
    <message>
        <location line="-39"/>
        <location line="+41"/>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
</context>
<context>
    <name>ManifestCodec</name>
    <message>
        <location filename="../core/package/manifest_codec.cpp" line="+24"/>
        <source>The report data is not valid (%1) and was not accepted. Ask whoever sent it to send it again.</source>
        <translation>Os dados do relatório não são válidos (%1) e não foram aceitos. Peça a quem os enviou que envie de novo.</translation>
    </message>
</context>
<context>
    <name>MonthExports</name>
    <message>
        <location filename="../core/exports/month_exports.cpp" line="+87"/>
        <source>There is no report for %1 in this profile. Check the month (YYYY-MM) or create the report first.</source>
        <translation>Não há relatório de %1 neste perfil. Confira o mês (AAAA-MM) ou crie o relatório primeiro.</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>The report of %1 is still a draft. Conclude it first: a package carries a concluded revision.</source>
        <translation>O relatório de %1 ainda é um rascunho. Conclua-o primeiro: o pacote leva uma revisão concluída.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Unknown export &quot;%1&quot;.</source>
        <translation>Exportação desconhecida &quot;%1&quot;.</translation>
    </message>
</context>
<context>
    <name>OutboxService</name>
    <message>
        <location filename="../core/services/outbox_service.cpp" line="+112"/>
        <source>This item is no longer in the outbox (the report may have been withdrawn). Reload the Synchronization page.</source>
        <translation>Este item não está mais na caixa de saída (o relatório pode ter sido retirado). Recarregue a página Sincronização.</translation>
    </message>
    <message>
        <location filename="../core/services/outbox_changes.cpp" line="+42"/>
        <source>This outbox item cannot be changed now (it is &quot;%1&quot;). Reload the Synchronization page and try again.</source>
        <translation>Este item da caixa de saída não pode ser alterado agora (ele está &quot;%1&quot;). Recarregue a página Sincronização e tente de novo.</translation>
    </message>
    <message>
        <location line="+253"/>
        <source>The previous sending was interrupted (the program was closed or the computer was turned off). It will be resumed automatically.</source>
        <translation>O envio anterior foi interrompido (o programa foi fechado ou o computador foi desligado). Ele será retomado automaticamente.</translation>
    </message>
</context>
<context>
    <name>PackageIntake</name>
    <message>
        <location filename="../core/regional/package_intake.cpp" line="+37"/>
        <source>This package (%1 MB) is larger than the hub takes from a URS (%2 MB). Nothing was imported: take the file to the hub&apos;s administrator, who imports it with mobiliza-hub import.</source>
        <translation>Este pacote (%1 MB) é maior do que o hub aceita de uma URS (%2 MB). Nada foi importado: leve o arquivo ao administrador do hub, que o importa com mobiliza-hub import.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This package is the report of %1, which is not one of the URS %2&apos;s municipalities. Nothing was imported: hand it to that municipality&apos;s URS.</source>
        <translation>Este pacote é o relatório de %1, que não é um dos municípios da URS %2. Nada foi importado: entregue-o à URS desse município.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The URS already has revision %1 of this report with another content. Nothing was imported; ask the municipality which one is right.</source>
        <translation>A URS já tem a revisão %1 deste relatório com outro conteúdo. Nada foi importado; pergunte ao município qual é a correta.</translation>
    </message>
    <message>
        <location filename="../core/regional/package_intake_job.cpp" line="+61"/>
        <source>This is a URS batch file (.mobiliza-lote): the central level&apos;s installation takes it in (Forwarded, Import batch file…). Nothing was imported here.</source>
        <translation>Este é um arquivo de lote de uma URS (.mobiliza-lote): quem o recebe é a instalação do nível central (Encaminhados, Importar arquivo de lote…). Nada foi importado aqui.</translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <location filename="../core/panel/panel_query.cpp" line="+212"/>
        <source>The panel&apos;s period is not valid: %1</source>
        <translation>O período do painel não é válido: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the first month must come before the last.</source>
        <translation>o primeiro mês deve vir antes do último.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>choose at most 20 years.</source>
        <translation>escolha no máximo 20 anos.</translation>
    </message>
</context>
<context>
    <name>PanelAreas</name>
    <message>
        <location filename="../app/ui/panel/panel_areas.cpp" line="+53"/>
        <source>Macro-region %1</source>
        <translation>Macrorregião %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>URS %1</source>
        <translation>URS %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Health region %1</source>
        <translation>Região de saúde %1</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>URS</source>
        <translation>URS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Health region</source>
        <translation>região de saúde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Municipality</source>
        <translation>município</translation>
    </message>
</context>
<context>
    <name>PanelCharts</name>
    <message>
        <location filename="../app/ui/panel/panel_charts.cpp" line="+105"/>
        <source>Jan</source>
        <translation>jan</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Feb</source>
        <translation>fev</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mar</source>
        <translation>mar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Apr</source>
        <translation>abr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>May</source>
        <translation>mai</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Jun</source>
        <translation>jun</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jul</source>
        <translation>jul</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Aug</source>
        <translation>ago</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sep</source>
        <translation>set</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Oct</source>
        <translation>out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nov</source>
        <translation>nov</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dec</source>
        <translation>dez</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Other themes</source>
        <translation>Demais temas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not said</source>
        <translation>Não informado</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Actions per month, by theme</source>
        <translation>Ações por mês, por tema (o primeiro de cada ação)</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>People reached per month</source>
        <translation>Pessoas alcançadas por mês</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>People reached</source>
        <translation>Pessoas alcançadas</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Municipalities that reported, per month (of %1)</source>
        <translation>Municípios que enviaram o relatório, por mês (de %1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+184"/>
        <source>Reported</source>
        <translation>Enviaram</translation>
    </message>
    <message>
        <location line="-180"/>
        <location line="+212"/>
        <source>Target (%1 %)</source>
        <translation>Meta (%1 %)</translation>
    </message>
    <message>
        <location line="-151"/>
        <source>All others</source>
        <translation>Todos os demais</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Recorded (%)</source>
        <translation>Registrado (%)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reference (%)</source>
        <translation>Referência (%)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1: %2%</source>
        <translation>%1: %2%</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Q%1/%2</source>
        <translation>%1ºQ/%2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Coverage by %1, %2 to %3 (% of the months reported)</source>
        <translation>Cobertura por %1, de %2 a %3 (% dos meses enviados)</translation>
    </message>
</context>
<context>
    <name>PanelCommand</name>
    <message>
        <location filename="../app/ui/panel/panel_command.cpp" line="+79"/>
        <source>--out must name a .csv or .xlsx file (the panel&apos;s figures, for example painel.xlsx).</source>
        <translation>--out deve indicar um arquivo .csv ou .xlsx (os números do painel, por exemplo painel.xlsx).</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>&quot;%1&quot; is not a quadrimestre: use YYYY-Qn (n = 1, 2 or 3), e.g. 2026-Q1.</source>
        <translation>&quot;%1&quot; não é um quadrimestre: use AAAA-Qn (n = 1, 2 ou 3), por exemplo 2026-Q1.</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>%1 is for a profile of the level “%2” or “%3”; this one is of the level “%4”.</source>
        <translation>%1 é para um perfil do nível “%2” ou “%3”; este é do nível “%4”.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>--from must not be after --to.</source>
        <translation>--from não pode ser depois de --to.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Panel of %1, %2 to %3: %4 actions, %5 participants, %6 of %7 municipalities supported, %8 follow-ups late. Written to %9.</source>
        <translation>Painel — %1, %2 a %3: %4 ações, %5 participantes, %6 de %7 municípios apoiados, %8 encaminhamentos atrasados. Gravado em %9.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Brazil</source>
        <translation>Brasil</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>“%1” declares no texts to search (docs/programs.md, &quot;panel&quot;).</source>
        <translation>“%1” não declara textos para a busca (docs/programs.md, &quot;panel&quot;).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--out must name a .csv or .xlsx file (the actions found, for example encontradas.xlsx).</source>
        <translation>--out deve indicar um arquivo .csv ou .xlsx (as ações encontradas, por exemplo encontradas.xlsx).</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 passage(s) in %2 action(s), %3 to %4.</source>
        <translation>%1 trecho(s) em %2 ação(ões), de %3 a %4.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The %1 best above.</source>
        <translation>Acima, os %1 mais relevantes.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Written to %1.</source>
        <translation>Gravado em %1.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>--out must name a .csv or .xlsx file (the panel&apos;s data, for example painel.xlsx) or a .pdf file (the Balanço mensal, for example balanco.pdf).</source>
        <translation>--out deve ser um arquivo .csv ou .xlsx (os dados do Painel, por exemplo painel.xlsx) ou .pdf (o Balanço mensal, por exemplo balanco.pdf).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&quot;%1&quot; is not a regional health unit (URS) of Minas Gerais.</source>
        <translation>&quot;%1&quot; não é uma Unidade Regional de Saúde (URS) de Minas Gerais. Confira o nome.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This profile is URS %1&apos;s: its panel has no data of URS %2.</source>
        <translation>Este perfil é da URS %1: o painel dele não tem dados da URS %2.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&quot;%1&quot; is not a theme of the program. Use one of: %2.</source>
        <translation>&quot;%1&quot; não é um tema do programa. Use um destes: %2.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Balanço mensal of %1, %2 to %3: %4 actions, %5 people reached, %6 active núcleos. Written to %7.</source>
        <translation>Balanço mensal de %1, %2 a %3: %4 ações, %5 pessoas alcançadas, %6 núcleos ativos. Gravado em %7.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Panel %1 to %2: %3 actions, %4 people reached; %5 of %6 municipalities reported %2. %7 rows written to %8.</source>
        <translation>Painel de %1 a %2: %3 ações, %4 pessoas alcançadas; %5 de %6 municípios enviaram %2. %7 linhas gravadas em %8.</translation>
    </message>
</context>
<context>
    <name>PanelControls</name>
    <message>
        <location filename="../app/ui/panel/panel_controls.cpp" line="+84"/>
        <source>theme %1</source>
        <translation>tema %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>format %1</source>
        <translation>formato %1</translation>
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
        <translation>Município</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URS</source>
        <translation>URS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Health region</source>
        <translation>Região de saúde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Macro-region</source>
        <translation>Macrorregião</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month</source>
        <translation>Competência</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report</source>
        <translation>Relatório</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actions</source>
        <translation>Ações</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People reached</source>
        <translation>Pessoas alcançadas</translation>
    </message>
</context>
<context>
    <name>PanelFiles</name>
    <message>
        <location filename="../app/ui/panel/panel_files.cpp" line="+63"/>
        <source>Save chart as PNG…</source>
        <translation>Salvar gráfico como PNG…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save chart as SVG…</source>
        <translation>Salvar gráfico como SVG…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Save the chart (SVG)</source>
        <translation>Salvar o gráfico (SVG)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the chart (PNG)</source>
        <translation>Salvar o gráfico (PNG)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SVG image (*.svg)</source>
        <translation>Imagem SVG (*.svg)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG image (*.png)</source>
        <translation>Imagem PNG (*.png)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Chart not saved</source>
        <translation>Gráfico não salvo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chart could not be written to %1 (%2). Choose another folder — one you can write to — and try again.</source>
        <translation>Não foi possível gravar o gráfico em %1 (%2). Escolha outra pasta — uma em que você possa gravar — e tente de novo.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Chart saved</source>
        <translation>Gráfico salvo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The chart was written to %1.</source>
        <translation>O gráfico foi gravado em %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export the panel&apos;s data (XLSX)</source>
        <translation>Exportar os dados do painel (XLSX)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the panel&apos;s data (CSV)</source>
        <translation>Exportar os dados do painel (CSV)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Pasta de trabalho do Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV para Excel (*.csv)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Panel exported</source>
        <translation>Painel exportado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The panel&apos;s data was written to %1.</source>
        <translation>Os dados do painel foram gravados em %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Panel not exported</source>
        <translation>Painel não exportado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The panel&apos;s data could not be written: %1</source>
        <translation>Não foi possível gravar os dados do painel: %1</translation>
    </message>
</context>
<context>
    <name>PanelMap</name>
    <message>
        <location filename="../app/ui/panel/panel_map.cpp" line="+127"/>
        <source>no action</source>
        <translation>nenhuma ação</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n action(s)</source>
        <translation>
            <numerusform>%n ação</numerusform>
            <numerusform>%n ações</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 to %2 actions</source>
        <translation>%1 a %2 ações</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Municipalities on the map — actions in the period</source>
        <translation>Municípios no mapa — ações no período</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Municipalities on the map — months reported in the period</source>
        <translation>Municípios no mapa — meses com relatório enviado no período</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>no month</source>
        <translation>nenhum mês</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>some months</source>
        <translation>parte dos meses</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>every month</source>
        <translation>todos os meses</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reported</source>
        <translation>enviou</translation>
    </message>
</context>
<context>
    <name>Partner</name>
    <message>
        <location filename="../app/ui/models/partner_list_model.cpp" line="+16"/>
        <source>Individual</source>
        <translation>Pessoa física</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Organization</source>
        <translation>Pessoa jurídica</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Informal group</source>
        <translation>Grupo/coletivo informal</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Mapped</source>
        <translation>Mapeado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sensitized</source>
        <translation>Sensibilizado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active partnership</source>
        <translation>Parceria ativa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inactive</source>
        <translation>Inativo</translation>
    </message>
</context>
<context>
    <name>PartnerActions</name>
    <message>
        <location filename="../app/ui/partners/partner_actions.cpp" line="+24"/>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>(untitled)</source>
        <translation>(sem título)</translation>
    </message>
</context>
<context>
    <name>PartnerService</name>
    <message>
        <location filename="../core/services/partner_service.cpp" line="+139"/>
        <source>The partner has no name. Type the name and save again.</source>
        <translation>O parceiro está sem nome. Digite o nome e salve novamente.</translation>
    </message>
    <message>
        <location filename="../core/services/service_errors.cpp" line="+34"/>
        <source>The partner was not found. It may have been erased: reopen the partners register.</source>
        <translation>O parceiro não foi encontrado. Ele pode ter sido excluído: abra novamente o cadastro de parceiros.</translation>
    </message>
</context>
<context>
    <name>Period</name>
    <message>
        <location filename="../core/domain/types.cpp" line="+20"/>
        <source>Four-month period %1 of %2</source>
        <extracomment>A four-month reporting period: %1 is 1, 2 or 3, %2 the year (pt-BR: &quot;1º quadrimestre de 2026&quot;)</extracomment>
        <translation>%1º quadrimestre de %2</translation>
    </message>
</context>
<context>
    <name>PhotoPipeline</name>
    <message>
        <location filename="../core/photos/photo_pipeline.cpp" line="+43"/>
        <source>The import of &quot;%1&quot; was cancelled. Add the photo again if you still want it.</source>
        <translation>A importação de “%1” foi cancelada. Adicione a foto de novo se ainda quiser usá-la.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The photo &quot;%1&quot; is damaged or incomplete (it may have been cut off while being copied or downloaded). Copy it again from the camera or phone, check that it opens in an image viewer, then add it again.</source>
        <translation>A foto “%1” está danificada ou incompleta (pode ter sido cortada ao ser copiada ou baixada). Copie-a de novo da câmera ou do celular, confira se ela abre num visualizador de imagens e adicione-a novamente.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The file &quot;%1&quot; could not be read (%2). Check that it still exists and that you are allowed to open it, then try again.</source>
        <translation>Não foi possível ler o arquivo “%1” (%2). Confira se ele ainda existe e se você tem permissão para abri-lo e tente de novo.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The file &quot;%1&quot; is too large (%2 MB; the limit is %3 MB). Send the photo from the phone at a smaller size, or save a copy as JPEG, then add it again.</source>
        <translation>O arquivo “%1” é grande demais (%2 MB; o limite é %3 MB). Envie a foto do celular em tamanho menor ou salve uma cópia em JPEG e adicione-a novamente.</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>The file &quot;%1&quot; was not found. Check that it was not moved, renamed or deleted, then add it again.</source>
        <translation>O arquivo “%1” não foi encontrado. Confira se ele não foi movido, renomeado ou apagado e adicione-o novamente.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>it is a folder, not a file</source>
        <translation>é uma pasta, não um arquivo</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The file &quot;%1&quot; is empty (0 bytes): the photo was not copied. Copy it again from the camera or phone, then add it again.</source>
        <translation>O arquivo “%1” está vazio (0 bytes): a foto não foi copiada. Copie-a de novo da câmera ou do celular e adicione-a novamente.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The photo &quot;%1&quot; is in HEIC/HEIF or AVIF format, which this program cannot read. Convert it to JPEG and add it again: on the iPhone, share the photo and choose to save or send it as JPEG (and, for the next photos, set Settings &gt; Camera &gt; Formats &gt; &quot;Most Compatible&quot;); on the computer, open the photo and save a copy as JPEG.</source>
        <translation>A foto “%1” está no formato HEIC/HEIF ou AVIF, que este programa não consegue ler. Converta-a para JPEG e adicione-a novamente: no iPhone, compartilhe a foto e escolha salvar ou enviar como JPEG (e, para as próximas fotos, escolha Ajustes › Câmera › Formatos › “Mais Compatível”); no computador, abra a foto e salve uma cópia em JPEG.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The image &quot;%1&quot; is in a format this program cannot read (such as JPEG XL, JPEG 2000 or Photoshop). Open it in an image program, save a copy as JPEG, then add the copy.</source>
        <translation>A imagem “%1” está num formato que este programa não consegue ler (como JPEG XL, JPEG 2000 ou Photoshop). Abra-a num programa de imagens, salve uma cópia em JPEG e adicione a cópia.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file &quot;%1&quot; is not a photo: its content is not an image, whatever its name says. Choose a photo in JPEG or PNG format.</source>
        <translation>O arquivo “%1” não é uma foto: o conteúdo dele não é uma imagem, mesmo que o nome pareça. Escolha uma foto no formato JPEG ou PNG.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The image &quot;%1&quot; is too large to process (%2 × %3 pixels). Save a smaller copy as JPEG (for example, at most 8000 pixels on the longest side), then add the copy.</source>
        <translation>A imagem “%1” é grande demais para ser processada (%2 × %3 pixels). Salve uma cópia menor em JPEG (por exemplo, com no máximo 8000 pixels no lado maior) e adicione a cópia.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The image &quot;%1&quot; uses a variant of its format that this program cannot read. Open it in an image program, save a copy as JPEG, then add the copy.</source>
        <translation>A imagem “%1” usa uma variante do formato que este programa não consegue ler. Abra-a num programa de imagens, salve uma cópia em JPEG e adicione a cópia.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The photo &quot;%1&quot; could not be converted to JPEG. Open it in an image program, save a copy as JPEG, then add the copy.</source>
        <translation>Não foi possível converter a foto “%1” para JPEG. Abra-a num programa de imagens, salve uma cópia em JPEG e adicione a cópia.</translation>
    </message>
</context>
<context>
    <name>ProfileService</name>
    <message>
        <location filename="../core/services/profile_service.cpp" line="+147"/>
        <source>“%1” is not a program. Choose the program from the list.</source>
        <translation>“%1” não é um programa. Escolha o programa na lista.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This profile records “%1” and cannot switch to “%2”: a profile holds one program. To work in “%2”, use a separate data folder (--data-dir).</source>
        <translation>Este perfil registra “%1” e não pode passar para “%2”: um perfil guarda um só programa. Para trabalhar em “%2”, use uma pasta de dados separada (--data-dir).</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>This profile is already set up as %1 and cannot become %2. To work as %2, use a separate data folder (--data-dir).</source>
        <translation>Este perfil já está configurado como %1 e não pode passar a ser %2. Para trabalhar como %2, use outra pasta de dados (--data-dir).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose the regional health unit (URS) from the list.</source>
        <translation>Escolha a Unidade Regional de Saúde (URS) na lista.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>“%1” is not a state. Choose the state (UF) from the list.</source>
        <translation>“%1” não é um estado. Escolha o estado (UF) na lista.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This profile has no installation id yet. Close Mobiliza and open it again.</source>
        <translation>Este perfil ainda não tem identificação de instalação. Feche o Mobiliza e abra-o de novo.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&quot;%1&quot; is not a municipality code. Choose the municipality from the list.</source>
        <translation>&quot;%1&quot; não é um código de município. Escolha o município na lista.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This profile records “%1”, whose reports are made by %2, not by a municipality. Use a separate data folder (--data-dir).</source>
        <translation>Este perfil registra “%1”, cujos relatórios são feitos por %2, não por um município. Use uma pasta de dados separada (--data-dir).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This profile is set up as %1: it does not record a municipality&apos;s reports. Use a separate data folder (--data-dir).</source>
        <translation>Este perfil está configurado como %1: ele não registra relatórios de um município. Use outra pasta de dados (--data-dir).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This profile already belongs to the municipality %1 and cannot be moved to %2. To record another municipality&apos;s data, create a separate profile.</source>
        <translation>Este perfil já pertence ao município %1 e não pode ser transferido para %2. Para registrar os dados de outro município, crie um perfil separado.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The setting &quot;%1&quot; cannot be changed here.</source>
        <translation>A configuração &quot;%1&quot; não pode ser alterada aqui.</translation>
    </message>
</context>
<context>
    <name>ProfileSetup</name>
    <message>
        <location filename="../app/ui/profile_setup.cpp" line="+73"/>
        <source>&quot;%1&quot; is not the IBGE code of a Brazilian municipality. Check the 7-digit code.</source>
        <translation>&quot;%1&quot; não é o código IBGE de um município brasileiro. Confira o código de 7 dígitos.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;%1&quot; is not the IBGE code of a municipality of Minas Gerais. Check the 7-digit code (for example 3106200 for Belo Horizonte).</source>
        <translation>&quot;%1&quot; não é o código IBGE de um município de Minas Gerais. Confira o código de 7 dígitos (por exemplo, 3106200 para Belo Horizonte).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&quot;%1&quot; is not a regional health unit (URS) of Minas Gerais. Use one of: %2.</source>
        <translation>&quot;%1&quot; não é uma Unidade Regional de Saúde (URS) de Minas Gerais. Use uma destas: %2.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&quot;%1&quot; is not a Brazilian state: use its two letters, one of %2.</source>
        <translation>&quot;%1&quot; não é um estado brasileiro: use a sigla, uma destas: %2.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&quot;%1&quot; is not a four-month period: this profile&apos;s program reports by quadrimestre; write it as YYYY-Qn (n = 1, 2 or 3), e.g. 2026-Q2 for May to August.</source>
        <translation>&quot;%1&quot; não é um quadrimestre: o programa deste perfil relata por quadrimestre; escreva AAAA-Qn (n = 1, 2 ou 3), por exemplo 2026-Q2 para maio a agosto.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;%1&quot; is not a month: use YYYY-MM, e.g. 2026-10.</source>
        <translation>&quot;%1&quot; não é um mês: use AAAA-MM, por exemplo 2026-10.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>This profile records a program (&quot;%1&quot;) that this version of Mobiliza does not know. Install the newest version of Mobiliza.</source>
        <translation>Este perfil registra um programa (&quot;%1&quot;) que esta versão do Mobiliza não conhece. Instale a versão mais nova do Mobiliza.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&quot;%1&quot; is not a level of “%2”: use one of %3.</source>
        <translation>&quot;%1&quot; não é um nível de “%2”: use um destes: %3.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 is not used by the level “%2” of “%3”%4.</source>
        <translation>%1 não é usado pelo nível “%2” de “%3”%4.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>, which is set up with %1</source>
        <translation>, que é configurado com %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>--role %1 needs %2 the first time.</source>
        <translation>--role %1 precisa de %2 na primeira vez.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The program chosen is not known to this version of Mobiliza, or is not the one named with --program.</source>
        <translation>O programa escolhido não é conhecido por esta versão do Mobiliza, ou não é o indicado em --program.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This profile is not set up yet. Run once with --role municipality --municipality IBGE (the 7-digit IBGE code) or --role urs --urs NAME; for the CONASEMS–COSEMS apoio program, with --program apoio_cosems --role apoiador|cosems|conasems --uf XX; or start Mobiliza without headless options to choose.</source>
        <translation>Este perfil ainda não foi configurado. Rode uma vez com --role municipality --municipality IBGE (o código IBGE de 7 dígitos) ou --role urs --urs NOME; no programa de apoio CONASEMS–COSEMS, com --program apoio_cosems --role apoiador|cosems|conasems --uf UF; ou abra o Mobiliza sem opções de linha de comando para escolher.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The program chosen is not known to this version of Mobiliza.</source>
        <translation>O programa escolhido não é conhecido por esta versão do Mobiliza.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Nothing was set up: Mobiliza needs to know what this installation is in “%1” (an apoiador, a COSEMS or CONASEMS) and, for the first two, which state. Open it again to choose; nothing was lost.</source>
        <translation>Nada foi configurado: o Mobiliza precisa saber o que esta instalação é em “%1” (um(a) apoiador(a), um COSEMS ou o CONASEMS) e, nos dois primeiros casos, de qual estado. Abra-o de novo para escolher; nada se perdeu.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing was set up: Mobiliza keeps the reports of one municipality (or the work of a URS) and needs to know which. Open it again to choose; nothing was lost.</source>
        <translation>Nada foi configurado: o Mobiliza guarda os relatórios de um município (ou o trabalho de uma URS) e precisa saber qual. Abra-o de novo para escolher; nada se perdeu.</translation>
    </message>
</context>
<context>
    <name>ProgramDefinition</name>
    <message>
        <location filename="../core/program/program_definition.cpp" line="+34"/>
        <source>Could not read the program definition “%1”: %2. Check that the file exists and can be read.</source>
        <translation>Não foi possível ler a definição de programa “%1”: %2. Verifique se o arquivo existe e pode ser lido.</translation>
    </message>
    <message>
        <location line="+224"/>
        <source>A municipal health secretariat (records and sends its monthly reports)</source>
        <translation>Uma Secretaria Municipal de Saúde (registra e envia os relatórios mensais)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A regional health unit — URS (reviews its municipalities&apos; reports)</source>
        <translation>Uma Unidade Regional de Saúde — URS (analisa os relatórios dos seus municípios)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The central level of SES-MG (consolidates the state&apos;s reports)</source>
        <translation>O nível central da SES-MG (consolida os relatórios do estado)</translation>
    </message>
    <message>
        <location filename="../core/program/program_loader.cpp" line="+85"/>
        <source>text</source>
        <translation>texto</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a whole number</source>
        <translation>um número inteiro</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a number</source>
        <translation>um número</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>true or false</source>
        <translation>verdadeiro ou falso</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a list</source>
        <translation>uma lista</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>an object</source>
        <translation>um objeto</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+75"/>
        <location line="+329"/>
        <location filename="../core/program/program_rules_loader.cpp" line="+232"/>
        <source>%1: the name “%2” is not valid. Use lower-case letters, digits and underscores, starting with a letter.</source>
        <translation>%1: o nome “%2” não é válido. Use letras minúsculas, algarismos e sublinhados, começando por uma letra.</translation>
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
        <translation>%1: “%2” tem o tipo errado; deve ser %3.</translation>
    </message>
    <message>
        <location line="-191"/>
        <source>The catalogue “%1” is empty. Add at least one entry.</source>
        <translation>O catálogo “%1” está vazio. Inclua pelo menos um item.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The catalogue “%1” has the code “%2” more than once. Each entry needs its own code.</source>
        <translation>O catálogo “%1” tem o código “%2” mais de uma vez. Cada item precisa de um código próprio.</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>%1: a list field cannot hold another list. Use a field of another type.</source>
        <translation>%1: um campo de lista não pode conter outra lista. Use um campo de outro tipo.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: a field inside the list “%2” cannot have a role. Remove “role”.</source>
        <translation>%1: um campo dentro da lista “%2” não pode ter papel. Remova “role”.</translation>
    </message>
    <message>
        <location filename="../core/program/program_list_loader.cpp" line="+19"/>
        <source>%1: the list has no fields in “item”. Add at least one field.</source>
        <translation>%1: a lista não tem campos em “item”. Acrescente pelo menos um campo.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1: “%2” is not available inside a list. Remove it.</source>
        <translation>%1: “%2” não está disponível dentro de uma lista. Remova-o.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: a field of type “%2” cannot be inside a list. Use one of: %3.</source>
        <translation>%1: um campo do tipo “%2” não pode ficar dentro de uma lista. Use um destes: %3.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: the field id “%2” is used more than once in the list.</source>
        <translation>%1: o id de campo “%2” é usado mais de uma vez na lista.</translation>
    </message>
    <message>
        <location filename="../core/program/program_loader.cpp" line="+16"/>
        <source>The program has no fields. Add at least one field.</source>
        <translation>O programa não tem campos. Inclua pelo menos um campo.</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>The field “%1” has the unknown type “%2”. Use one of: %3.</source>
        <translation>O campo “%1” tem o tipo desconhecido “%2”. Use um destes: %3.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+54"/>
        <location line="+28"/>
        <source>%1: “%2” does not apply to fields of type “%3”. Remove it.</source>
        <translation>%1: “%2” não se aplica a campos do tipo “%3”. Remova-o.</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>The field “%1” has a minimum (%2) greater than its maximum (%3).</source>
        <translation>O campo “%1” tem um mínimo (%2) maior que o máximo (%3).</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The field “%1” of type “%2” needs a catalogue. Add “catalogue”.</source>
        <translation>O campo “%1”, do tipo “%2”, precisa de um catálogo. Inclua “catalogue”.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The field “%1” refers to the catalogue “%2”, which the program does not define. Add the catalogue or fix the name.</source>
        <translation>O campo “%1” usa o catálogo “%2”, que o programa não define. Inclua o catálogo ou corrija o nome.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The “other” value “%1” of the field “%2” is not a code of the catalogue “%3”.</source>
        <translation>O valor “outro” “%1” do campo “%2” não é um código do catálogo “%3”.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>The field id “%1” is used more than once. Each field needs its own id.</source>
        <translation>O identificador de campo “%1” é usado mais de uma vez. Cada campo precisa de um identificador próprio.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>The field “%1” has the unknown role “%2”. Use one of: %3.</source>
        <translation>O campo “%1” tem o papel desconhecido “%2”. Use um destes: %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The field “%1” cannot have the role “%2”: that role needs a field of type %3.</source>
        <translation>O campo “%1” não pode ter o papel “%2”: esse papel exige um campo do tipo %3.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The role “%1” is given to more than one field (“%2” and “%3”). Keep it on one field.</source>
        <translation>O papel “%1” foi atribuído a mais de um campo (“%2” e “%3”). Deixe-o em um só campo.</translation>
    </message>
    <message>
        <location filename="../core/program/program_list_loader.cpp" line="-21"/>
        <location filename="../core/program/program_loader.cpp" line="+21"/>
        <location filename="../core/program/program_rules_loader.cpp" line="+95"/>
        <location line="+104"/>
        <source>%1: must be an object ({…}).</source>
        <translation>%1: deve ser um objeto ({…}).</translation>
    </message>
    <message>
        <location filename="../core/program/program_loader.cpp" line="+20"/>
        <source>%1: the program names no level “%2”.</source>
        <translation>%1: o programa não define o nível “%2”.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1: there is no field “%2”.</source>
        <translation>%1: não há campo “%2”.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: there is no catalogue “%2”.</source>
        <translation>%1: não há catálogo “%2”.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: there is no code “%2”.</source>
        <translation>%1: não há código “%2”.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The program definition is not valid JSON (%1 at position %2). Fix the file or ask for a corrected program definition.</source>
        <translation>A definição de programa não é um JSON válido (%1 na posição %2). Corrija o arquivo ou peça uma definição de programa corrigida.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The program definition must be a JSON object. Fix the file or ask for a corrected program definition.</source>
        <translation>A definição de programa deve ser um objeto JSON. Corrija o arquivo ou peça uma definição de programa corrigida.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The program definition uses format version %1, but this version of Mobiliza reads only up to version %2. Update Mobiliza.</source>
        <translation>A definição de programa usa a versão de formato %1, mas esta versão do Mobiliza só lê até a versão %2. Atualize o Mobiliza.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The program definition is not valid. Fix these problems:</source>
        <translation>A definição de programa não é válida. Corrija estes problemas:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The program definition “%1” is not valid. Fix these problems:</source>
        <translation>A definição de programa “%1” não é válida. Corrija estes problemas:</translation>
    </message>
    <message>
        <location filename="../core/program/program_loader_p.h" line="-52"/>
        <source>program</source>
        <translation>programa</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: unknown key “%2”. Remove it or check its spelling.</source>
        <translation>%1: chave desconhecida “%2”. Remova-a ou confira a grafia.</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+39"/>
        <source>%1: the required key “%2” is missing.</source>
        <translation>%1: falta a chave obrigatória “%2”.</translation>
    </message>
    <message>
        <location line="+13"/>
        <location filename="../core/program/program_rules_loader.cpp" line="-152"/>
        <source>%1: “%2” must be between %3 and %4.</source>
        <translation>%1: “%2” deve estar entre %3 e %4.</translation>
    </message>
    <message>
        <location line="+19"/>
        <location filename="../core/program/program_rules_loader.cpp" line="-131"/>
        <source>%1: “%2” has the invalid value “%3”. Use one of: %4.</source>
        <translation>%1: “%2” tem o valor inválido “%3”. Use um destes: %4.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1: the field “%2” does not exist or is not of type %3. Add the field or fix the reference.</source>
        <translation>%1: o campo “%2” não existe ou não é do tipo %3. Inclua o campo ou corrija a referência.</translation>
    </message>
    <message>
        <location filename="../core/program/program_rules_loader.cpp" line="+22"/>
        <source>%1: “parts” needs at least two fields.</source>
        <translation>%1: “parts” precisa de pelo menos dois campos.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: the field “%2” appears twice in the sum.</source>
        <translation>%1: o campo “%2” aparece duas vezes na soma.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1: this rule needs the national table. Add &quot;territory&quot;: &quot;national&quot; or remove the rule.</source>
        <translation>%1: esta regra precisa da tabela nacional. Acrescente &quot;territory&quot;: &quot;national&quot; ou remova a regra.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1: give exactly one condition among %2.</source>
        <translation>%1: informe exatamente uma condição entre %2.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1: the field “%2” is compared with “%3”, which is not a code of the catalogue “%4”.</source>
        <translation>%1: o campo “%2” é comparado com “%3”, que não é um código do catálogo “%4”.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>%1: “%2” is not a level. Use one of: %3.</source>
        <translation>%1: “%2” não é um nível. Use um destes: %3.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>%1: the level “%2” cannot be set up with “%3”. Use one of: %4.</source>
        <translation>%1: o nível “%2” não pode ser configurado com “%3”. Use um destes: %4.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1: the key “%2” names another level too. Each level needs its own key.</source>
        <translation>%1: a chave “%2” também nomeia outro nível. Cada nível precisa da sua própria chave.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>levels.municipality: the program reports by “%1” but its reporting level is set up with “%2”. Make them agree.</source>
        <translation>levels.municipality: o programa é informado por “%1”, mas o seu nível que informa é configurado com “%2”. Faça-os concordar.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1: the field “%2” is there more than once. Name each field once.</source>
        <translation>%1: o campo “%2” aparece mais de uma vez. Cite cada campo uma só vez.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>%1: “%2” is not a code of the catalogue “%3”.</source>
        <translation>%1: “%2” não é um código do catálogo “%3”.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: the shares add up to %2; they must add up to 100.</source>
        <translation>%1: as parcelas somam %2; devem somar 100.</translation>
    </message>
</context>
<context>
    <name>ProgramPanel</name>
    <message>
        <location filename="../core/panel/program_panel.cpp" line="+104"/>
        <location filename="../core/panel/text_search.cpp" line="+43"/>
        <source>Choose a first and a last period of the program, the first not after the last.</source>
        <translation>Escolha um primeiro e um último período do programa, o primeiro não posterior ao último.</translation>
    </message>
</context>
<context>
    <name>ProgramPanelExport</name>
    <message>
        <location filename="../core/panel/program_panel_export.cpp" line="+23"/>
        <location line="+79"/>
        <source>Not said</source>
        <translation>Não informado</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>Painel</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Figure</source>
        <translation>Indicador</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Descrição</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share (%)</source>
        <translation>Percentual (%)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference (%)</source>
        <translation>Referência (%)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Brazil</source>
        <translation>Brasil</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 to %2</source>
        <translation>%1 a %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Actions</source>
        <translation>Ações</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Participants</source>
        <translation>Participantes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reports counted</source>
        <translation>Relatórios contados</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reporting units with reports</source>
        <translation>Apoiadores com relatório</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reports whose content has not arrived</source>
        <translation>Relatórios cujo conteúdo ainda não chegou</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Municipalities supported</source>
        <translation>Municípios apoiados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>of %1</source>
        <translation>de %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Actions naming no municipality</source>
        <translation>Ações sem município (região de saúde)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Actions in the period</source>
        <translation>Ações no período</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 against the reference</source>
        <translation>%1 em relação à referência</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Actions by state</source>
        <translation>Ações por estado</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Participants by role</source>
        <translation>Participantes por perfil</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not broken down</source>
        <translation>Sem discriminação</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <location line="+2"/>
        <source>Follow-ups</source>
        <translation>Encaminhamentos</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Open, within the date</source>
        <translation>Em aberto, no prazo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Done</source>
        <translation>Feitos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Late (not done, date passed)</source>
        <translation>Atrasados (não feitos, prazo vencido)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Municipality supported</source>
        <translation>Município apoiado</translation>
    </message>
</context>
<context>
    <name>Protocol</name>
    <message>
        <location filename="../sync/protocol_wire.cpp" line="+12"/>
        <source>The server&apos;s answer is not what Mobiliza expects (%1). It may not be the hub of your URS, or a network login page is in the way.</source>
        <translation>A resposta do servidor não é a que o Mobiliza espera (%1). Pode não ser o hub da sua URS, ou uma página de login da rede está no caminho.</translation>
    </message>
    <message>
        <location filename="../sync/protocol.cpp" line="+313"/>
        <source>The hub speaks protocol version %1 and this Mobiliza speaks version %2. Update Mobiliza (or ask the URS to update the hub).</source>
        <translation>O hub usa a versão %1 do protocolo e este Mobiliza usa a versão %2. Atualize o Mobiliza (ou peça à URS para atualizar o hub).</translation>
    </message>
    <message>
        <location filename="../sync/protocol_review.cpp" line="+24"/>
        <source>The review decision is not valid (%1). Update Mobiliza and send it again.</source>
        <translation>A decisão de análise não é válida (%1). Atualize o Mobiliza e envie-a de novo.</translation>
    </message>
    <message>
        <location line="+182"/>
        <source>new</source>
        <translation>novo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>in review</source>
        <translation>em análise</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>accepted</source>
        <translation>aceito</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>returned</source>
        <translation>devolvido</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>forwarded to the central level</source>
        <translation>encaminhado ao nível central</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>consolidated</source>
        <translation>consolidado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>returned to the URS by the central level</source>
        <translation>devolvido à URS pelo nível central</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 already decided on this revision (now: %2). Your decision was not applied; open the report again.</source>
        <translation>%1 já decidiu sobre esta revisão (agora: %2). A sua decisão não foi aplicada; abra o relatório de novo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A newer revision (%1) of this report arrived. Your decision was not applied; review the newer revision.</source>
        <translation>Chegou uma revisão mais nova (%1) deste relatório. A sua decisão não foi aplicada; analise a revisão mais nova.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This revision changed since you opened it (now: %1). Your decision was not applied; open the report again.</source>
        <translation>Esta revisão mudou desde que você a abriu (agora: %1). A sua decisão não foi aplicada; abra o relatório de novo.</translation>
    </message>
    <message>
        <location filename="../sync/protocol_batch.cpp" line="+25"/>
        <source>The batch is not valid (%1). Update Mobiliza and send it again.</source>
        <translation>O lote não é válido (%1). Atualize o Mobiliza e envie-o de novo.</translation>
    </message>
</context>
<context>
    <name>ReferenceData</name>
    <message>
        <location filename="../core/reference/reference_data.cpp" line="+51"/>
        <source>The reference file is incomplete or damaged: %1. Ask SES-MG for a new copy of the file and import it again.</source>
        <translation>O arquivo de referência está incompleto ou danificado: %1. Peça à SES-MG uma nova cópia do arquivo e importe-o novamente.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the list &quot;%1&quot; is missing or empty</source>
        <translation>a lista &quot;%1&quot; está ausente ou vazia</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>entry %1 of &quot;%2&quot; has no code or name</source>
        <translation>o item %1 de &quot;%2&quot; não tem código ou nome</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the code %1 appears twice in &quot;%2&quot;</source>
        <translation>o código %1 aparece duas vezes em &quot;%2&quot;</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>The reference file could not be read (%1). Use the file exactly as published by SES-MG, without editing it.</source>
        <translation>Não foi possível ler o arquivo de referência (%1). Use o arquivo exatamente como publicado pela SES-MG, sem editá-lo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>it is not a JSON object</source>
        <translation>o conteúdo não é um objeto JSON</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The reference file uses format %1, which this version of Mobiliza cannot read. Update Mobiliza or ask SES-MG for a file in format %2.</source>
        <translation>O arquivo de referência usa o formato %1, que esta versão do Mobiliza não consegue ler. Atualize o Mobiliza ou peça à SES-MG um arquivo no formato %2.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>the version, revision or publication date is missing</source>
        <translation>falta a versão, a revisão ou a data de publicação</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>the coverage target of URS %1 is not a share between 0 and 1</source>
        <translation>a meta de cobertura da URS %1 não é uma fração entre 0 e 1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>the região de saúde %1 refers to an unknown URS or macrorregião</source>
        <translation>a região de saúde %1 aponta para uma URS ou macrorregião desconhecida</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>the IBGE code &quot;%1&quot; does not have 7 digits</source>
        <translation>o código IBGE &quot;%1&quot; não tem 7 dígitos</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the municipality %1 refers to an unknown URS, região de saúde or macrorregião</source>
        <translation>o município %1 aponta para uma URS, região de saúde ou macrorregião desconhecida</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>the catalogue &quot;%1&quot; is empty or has an entry without code or label</source>
        <translation>o catálogo &quot;%1&quot; está vazio ou tem um item sem código ou descrição</translation>
    </message>
</context>
<context>
    <name>ReferenceRepository</name>
    <message>
        <location filename="../core/reference/reference_repository.cpp" line="+77"/>
        <source>Could not open %1 (%2). Check that the file exists and that you are allowed to read it.</source>
        <translation>Não foi possível abrir %1 (%2). Verifique se o arquivo existe e se você tem permissão para lê-lo.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is too large to be a reference table. Choose the mg_reference.json file published by SES-MG.</source>
        <translation>%1 é grande demais para ser uma tabela de referência. Escolha o arquivo mg_reference.json publicado pela SES-MG.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This reference table (version %1) is not newer than the one in use (version %2). Nothing was changed; import only a table published after the current one.</source>
        <translation>Esta tabela de referência (versão %1) não é mais nova que a que está em uso (versão %2). Nada foi alterado; importe apenas uma tabela publicada depois da atual.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not save the reference table in %1 (%2). Check the free disk space and the folder permissions, then try again.</source>
        <translation>Não foi possível salvar a tabela de referência em %1 (%2). Verifique o espaço livre em disco e as permissões da pasta e tente novamente.</translation>
    </message>
</context>
<context>
    <name>RegionPartners</name>
    <message>
        <location filename="../core/regional/region_partners.cpp" line="+358"/>
        <source>No partners</source>
        <translation>Nenhum parceiro</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n partner(s)</source>
        <translation>
            <numerusform>%n parceiro</numerusform>
            <numerusform>%n parceiros</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 in %n municipality(ies)</source>
        <translation>
            <numerusform>%1 em %n município</numerusform>
            <numerusform>%1 em %n municípios</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RegionalCommands</name>
    <message>
        <location filename="../app/ui/regional/regional_commands.cpp" line="+31"/>
        <source>This installation is not connected to a hub yet. Connect it with --hub URL --enroll CODE (the code comes from the hub&apos;s administrator).</source>
        <translation>Esta instalação ainda não está conectada a um hub. Conecte-a com --hub URL --enroll CÓDIGO (o código é fornecido pelo administrador do hub).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Decisions sent: %1 (refused: %2). Revisions received: %3; reports: %4; photos: %5.</source>
        <translation>Decisões enviadas: %1 (recusadas: %2). Revisões recebidas: %3; relatórios: %4; fotos: %5.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Packages sent to the hub: %1. Batches forwarded: %2. Refused by the hub: %3.</source>
        <translation>Pacotes enviados ao hub: %1. Lotes encaminhados: %2. Recusados pelo hub: %3.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The local copy is up to date.</source>
        <translation>A cópia local está em dia.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The local copy is not complete yet.</source>
        <translation>A cópia local ainda não está completa.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No report %1 in this installation&apos;s copy. Run --pull first, and check the identifier (--status lists them).</source>
        <translation>Não há relatório %1 na cópia desta instalação. Rode --pull antes e confira o identificador (--status lista todos).</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Consolidated the report of %1 (revision %2). It goes to the hub at the next synchronization (--pull).</source>
        <translation>Relatório de %1 (revisão %2) consolidado. A decisão vai ao hub na próxima sincronização (--pull).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Returned the report of %1 (revision %2) to its URS. It goes to the hub at the next synchronization (--pull).</source>
        <translation>Relatório de %1 (revisão %2) devolvido à sua URS. A decisão vai ao hub na próxima sincronização (--pull).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Accepted the report of %1 (revision %2). It goes to the hub at the next synchronization (--pull).</source>
        <translation>Relatório de %1 (revisão %2) aceito. A decisão vai ao hub na próxima sincronização (--pull).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Returned the report of %1 (revision %2) for correction. It goes to the hub at the next synchronization (--pull).</source>
        <translation>Relatório de %1 (revisão %2) devolvido para correção. A decisão vai ao hub na próxima sincronização (--pull).</translation>
    </message>
    <message>
        <location line="+94"/>
        <source>There is no package file (.mobiliza) in %1.</source>
        <translation>Não há arquivo de pacote (.mobiliza) em %1.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>the report of %1 for %2, revision %3, was already here: nothing changed.</source>
        <translation>o relatório de %1 de %2, revisão %3, já estava aqui: nada foi alterado.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>received the report of %1 for %2, revision %3; it goes to the hub at the next synchronization (--pull).</source>
        <translation>recebido o relatório de %1 de %2, revisão %3; ele vai para o hub na próxima sincronização (--pull).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Only a URS forwards batches to the central level.</source>
        <translation>Só uma URS encaminha lotes ao nível central.</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>Batch %1: %n report(s) of %2 written to %3. Take the file to the central level; it is verified there like a report package.</source>
        <translation>
            <numerusform>Lote %1: %n relatório de %2 gravado em %3. Leve o arquivo ao nível central; lá ele é conferido como um pacote de relatório.</numerusform>
            <numerusform>Lote %1: %n relatórios de %2 gravados em %3. Leve o arquivo ao nível central; lá ele é conferido como um pacote de relatório.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Batch %1: %n report(s) of %2 to forward.</source>
        <translation>
            <numerusform>Lote %1: %n relatório de %2 a encaminhar.</numerusform>
            <numerusform>Lote %1: %n relatórios de %2 a encaminhar.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The hub received batch %1 (%2) on %3: forwarded to the central level.</source>
        <translation>O hub recebeu o lote %1 (%2) em %3: encaminhado ao nível central.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Batch %1 is waiting to be sent: it goes at the next synchronization.</source>
        <translation>O lote %1 aguarda envio: ele vai na próxima sincronização.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>batch %1 of %2 was already recorded as received (%3, %4): nothing changed.</source>
        <translation>o lote %1 de %2 já estava registrado como recebido (%3, %4): nada mudou.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>batch %1 of %2 recorded as received by the central level (%3, %4).</source>
        <translation>lote %1 de %2 registrado como recebido pelo nível central (%3, %4).</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Only the central level imports batch files of the URS. A URS imports its municipalities&apos; report packages with --import-package.</source>
        <translation>Só o nível central importa arquivos de lote das URS. A URS importa os pacotes de relatório dos seus municípios com --import-package.</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>batch %1 of the URS %2 (%3, %n report(s)) was already here: nothing changed.</source>
        <translation>
            <numerusform>o lote %1 da URS %2 (%3, %n relatório) já estava aqui: nada mudou.</numerusform>
            <numerusform>o lote %1 da URS %2 (%3, %n relatórios) já estava aqui: nada mudou.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>batch %1 of the URS %2 (%3): %n report(s) taken in, %4 of them new here.</source>
        <translation>
            <numerusform>lote %1 da URS %2 (%3): %n relatório recebido, %4 novo(s) aqui.</numerusform>
            <numerusform>lote %1 da URS %2 (%3): %n relatórios recebidos, %4 novos aqui.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>What was taken in is kept and goes to the hub at the next synchronization; run this command again then to write the receipts.</source>
        <translation>O que foi recebido fica guardado e vai ao hub na próxima sincronização; rode este comando de novo depois dela para gravar os recibos.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>the hub received batch %1 (%2) on %3. The receipt for the URS is in %4: take it back to the URS, which records it with --import-receipt.</source>
        <translation>o hub recebeu o lote %1 (%2) em %3. O recibo para a URS está em %4: leve-o de volta à URS, que o registra com --import-receipt.</translation>
    </message>
    <message numerus="yes">
        <location line="+50"/>
        <source>%n partner(s) of the region written to %1, without personal contacts.</source>
        <translation>
            <numerusform>%n parceiro da região gravado em %1, sem contatos pessoais.</numerusform>
            <numerusform>%n parceiros da região gravados em %1, sem contatos pessoais.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-339"/>
        <source>Coverage is for a URS profile: this one has no URS.</source>
        <translation>A cobertura é para um perfil de URS: este perfil não tem URS.</translation>
    </message>
</context>
<context>
    <name>RegionalInbox</name>
    <message>
        <location filename="../core/regional/review_outbox.cpp" line="+86"/>
        <source>New</source>
        <translation>Novo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In review</source>
        <translation>Em análise</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned</source>
        <translation>Devolvido</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accepted</source>
        <translation>Aceito</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Forwarded</source>
        <translation>Encaminhado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Consolidated</source>
        <translation>Consolidado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned by the central level</source>
        <translation>Devolvido pelo nível central</translation>
    </message>
    <message>
        <location filename="../app/ui/regional/regional_format.cpp" line="+62"/>
        <source>report package (imported)</source>
        <translation>pacote de relatório (importado)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sent through the hub</source>
        <translation>enviado pelo hub</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Central level</source>
        <translation>Nível central</translation>
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
        <translation>Encaminhados</translation>
    </message>
    <message>
        <location line="-33"/>
        <location line="+34"/>
        <source>Inbox</source>
        <translation>Caixa de entrada</translation>
    </message>
    <message>
        <location line="-31"/>
        <location line="+33"/>
        <source>Coverage</source>
        <translation>Cobertura</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Batches</source>
        <translation>Lotes</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Partners of the state</source>
        <translation>Parceiros do estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partners of the region</source>
        <translation>Parceiros da região</translation>
    </message>
</context>
<context>
    <name>RegionalReportText</name>
    <message numerus="yes">
        <location filename="../app/ui/regional/report_text.cpp" line="+55"/>
        <source>%n partner(s) of the municipality&apos;s register</source>
        <translation>
            <numerusform>%n parceiro do cadastro do município</numerusform>
            <numerusform>%n parceiros do cadastro do município</numerusform>
        </translation>
    </message>
    <message>
        <location line="+50"/>
        <location line="+109"/>
        <source>No actions in the month</source>
        <translation>Sem ações no mês</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>No actions in the period</source>
        <translation>Sem ações no período</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The municipality reported no %1 in this month.</source>
        <translation>O município informou que não houve %1 nesta competência.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The apoiador reported no %1 in this period.</source>
        <translation>O(a) apoiador(a) informou que não houve %1 neste período.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Justification</source>
        <translation>Justificativa</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No action recorded in this month.</source>
        <translation>Nenhuma ação registrada nesta competência.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No action recorded in this period.</source>
        <translation>Nenhuma ação registrada neste período.</translation>
    </message>
    <message>
        <location line="+38"/>
        <location line="+19"/>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Totals of the month</source>
        <translation>Totais do mês</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>People reached</source>
        <translation>Pessoas alcançadas</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>What changed since revision %1</source>
        <translation>O que mudou desde a revisão %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing in the actions, fields or photos changed: only the report was sent again.</source>
        <translation>Nada mudou nas ações, nos campos ou nas fotos: o relatório apenas foi enviado de novo.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>What</source>
        <translation>O quê</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Revision %1</source>
        <translation>Revisão %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+1"/>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>added, with %n photo(s)</source>
        <translation>
            <numerusform>incluída, com %n foto</numerusform>
            <numerusform>incluída, com %n fotos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n foto</numerusform>
            <numerusform>%n fotos</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>removed</source>
        <translation>excluída</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>partners</source>
        <translation>parceiros</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>photos</source>
        <translation>fotos</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n removed</source>
        <translation>
            <numerusform>%n excluída</numerusform>
            <numerusform>%n excluídas</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n added</source>
        <translation>
            <numerusform>%n incluída</numerusform>
            <numerusform>%n incluídas</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RegionalSteps</name>
    <message>
        <location filename="../sync/client/regional_steps.cpp" line="+87"/>
        <source>Sending review decisions</source>
        <translation>Enviando as decisões de análise</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Sending the packages received here</source>
        <translation>Enviando os pacotes recebidos aqui</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Forwarding batches to the central level</source>
        <translation>Encaminhando lotes ao nível central</translation>
    </message>
    <message>
        <location line="+292"/>
        <source>Receiving the apoiadores&apos; reports</source>
        <translation>Recebendo os relatórios dos apoiadores</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receiving the municipalities&apos; reports</source>
        <translation>Recebendo os relatórios dos municípios</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Receiving the photos of the reports opened</source>
        <translation>Recebendo as fotos dos relatórios abertos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receiving the photos of %1</source>
        <translation>Recebendo as fotos de %1</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Receiving the list of apoiadores</source>
        <translation>Recebendo a lista de apoiadores</translation>
    </message>
    <message>
        <location filename="../sync/client/regional_manifest_step.cpp" line="+17"/>
        <source>The hub sent a report that does not match its checksum; it was not kept and is asked for again at the next synchronization.</source>
        <translation>O hub enviou um relatório que não confere com a sua soma de verificação; ele não foi guardado e será pedido de novo na próxima sincronização.</translation>
    </message>
    <message>
        <location filename="../sync/client/regional_steps.cpp" line="-30"/>
        <location line="+9"/>
        <source>A photo received from the hub did not match its checksum; it was not kept.</source>
        <translation>Uma foto recebida do hub não confere com a sua soma de verificação; ela não foi guardada.</translation>
    </message>
    <message>
        <location filename="../sync/client/regional_history_step.cpp" line="+43"/>
        <source>Receiving the history of the reports</source>
        <translation>Recebendo o histórico dos relatórios</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The hub sent a report history that could not be read; it is asked for again at the next synchronization.</source>
        <translation>O hub enviou um histórico de relatório que não pôde ser lido; ele será pedido de novo na próxima sincronização.</translation>
    </message>
    <message>
        <location filename="../sync/client/regional_partners_step.cpp" line="+37"/>
        <source>Receiving the partners of the municipalities</source>
        <translation>Recebendo os parceiros dos municípios</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>%n partner(s) sent by the hub could not be read and are not in Partners of the region (this Mobiliza may be older than the hub). Update Mobiliza on this computer, and tell the hub&apos;s administrator if it happens again.</source>
        <translation>
            <numerusform>%n parceiro enviado pelo hub não pôde ser lido e não está em Parceiros da região (este Mobiliza pode ser mais antigo que o hub). Atualize o Mobiliza neste computador e avise o administrador do hub se isso se repetir.</numerusform>
            <numerusform>%n parceiros enviados pelo hub não puderam ser lidos e não estão em Parceiros da região (este Mobiliza pode ser mais antigo que o hub). Atualize o Mobiliza neste computador e avise o administrador do hub se isso se repetir.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReplicaService</name>
    <message>
        <location filename="../core/regional/replica_service.cpp" line="+82"/>
        <source>The hub sent a report (%1, revision %2) that does not match what it listed (%3). Nothing was stored; the next synchronization asks again. If this repeats, tell the hub&apos;s administrator.</source>
        <translation>O hub enviou um relatório (%1, revisão %2) que não confere com o que ele listou (%3). Nada foi guardado; a próxima sincronização pede de novo. Se isso se repetir, avise o administrador do hub.</translation>
    </message>
    <message>
        <location line="+242"/>
        <source>not listed</source>
        <translation>não listado</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>another checksum</source>
        <translation>outra soma de verificação</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>another report</source>
        <translation>outro relatório</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>This report has not been downloaded from the hub yet. Synchronize when there is a connection, then open it again.</source>
        <translation>Este relatório ainda não foi baixado do hub. Sincronize quando houver conexão e abra-o de novo.</translation>
    </message>
</context>
<context>
    <name>ReportOutputs</name>
    <message>
        <location filename="../core/outputs/output_format.cpp" line="+235"/>
        <source>The folder of %1 does not exist. Choose another folder and export again.</source>
        <translation>A pasta de %1 não existe. Escolha outra pasta e exporte novamente.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The disk is full: %1 could not be written, and no file was left under that name. Free some space on the disk (or choose another disk, such as a USB drive), then export again.</source>
        <translation>O disco está cheio: não foi possível gravar %1, e nenhum arquivo ficou com esse nome. Libere espaço no disco (ou escolha outro disco, como um pen drive) e exporte de novo.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not write %1 (%2). Check that you may write to this folder and that the disk is not full, or choose another folder, then export again.</source>
        <translation>Não foi possível gravar %1 (%2). Verifique se você tem permissão para gravar nesta pasta e se o disco não está cheio, ou escolha outra pasta, e exporte novamente.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The export was cancelled. No file was written.</source>
        <translation>A exportação foi cancelada. Nenhum arquivo foi gravado.</translation>
    </message>
    <message>
        <location filename="../core/outputs/report_pdf.cpp" line="+92"/>
        <source>Photo %1 of action %2 (&quot;%3&quot;) is missing from the photo folder (%4). Open the report, remove that photo and attach it again, then export again.</source>
        <translation>A Foto %1 da ação %2 (&quot;%3&quot;) não está na pasta de fotos (%4). Abra o relatório, remova essa foto e anexe-a de novo; depois exporte novamente.</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>Photo %1 of action %2 (&quot;%3&quot;) could not be read (%4). Open the report, remove that photo and attach it again, then export again.</source>
        <translation>Não foi possível ler a Foto %1 da ação %2 (&quot;%3&quot;) (%4). Abra o relatório, remova essa foto e anexe-a de novo; depois exporte novamente.</translation>
    </message>
    <message>
        <location line="+76"/>
        <location filename="../core/panel/balanco_pdf.cpp" line="+410"/>
        <source>The PDF needs the graphical part of the application (fonts). Run it with the &quot;offscreen&quot; platform (QT_QPA_PLATFORM=offscreen) on a server.</source>
        <translation>O PDF precisa da parte gráfica do aplicativo (fontes). Em um servidor, execute-o com a plataforma &quot;offscreen&quot; (QT_QPA_PLATFORM=offscreen).</translation>
    </message>
    <message>
        <location filename="../core/outputs/report_preview.cpp" line="+90"/>
        <source>There is not enough memory to draw the pages of the report. Close other programs and try again.</source>
        <translation>Não há memória suficiente para desenhar as páginas do relatório. Feche outros programas e tente de novo.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The preview has no room to show the pages.</source>
        <translation>A pré-visualização não tem espaço para mostrar as páginas.</translation>
    </message>
</context>
<context>
    <name>ReportPackage</name>
    <message>
        <location filename="../core/package/package_errors.cpp" line="+11"/>
        <source>This file is not a Mobiliza report package. Choose a file with the .mobiliza extension generated by Mobiliza.</source>
        <translation>Este arquivo não é um pacote de relatório do Mobiliza. Escolha um arquivo com a extensão .mobiliza gerado pelo Mobiliza.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file %1 is empty (0 bytes): the copy or the download did not finish. Copy it again from where it came from, or ask whoever generated it for a new file.</source>
        <translation>O arquivo %1 está vazio (0 bytes): a cópia ou o download não terminou. Copie-o de novo de onde veio ou peça um novo arquivo a quem o gerou.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The file is incomplete or has been altered. Ask whoever generated it for a new file.</source>
        <translation>O arquivo está incompleto ou foi alterado. Peça um novo arquivo a quem o gerou.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file is larger than a report package can be and was not imported. Ask whoever generated it for a new file.</source>
        <translation>O arquivo é maior do que um pacote de relatório pode ser e não foi importado. Peça um novo arquivo a quem o gerou.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The file was generated by a newer version of Mobiliza (package format %1). Update Mobiliza on this computer, then import the file again.</source>
        <translation>O arquivo foi gerado por uma versão mais nova do Mobiliza (formato de pacote %1). Atualize o Mobiliza neste computador e importe o arquivo de novo.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The file %1 could not be read (%2). Check that it exists and that you may open it.</source>
        <translation>Não foi possível ler o arquivo %1 (%2). Confira se ele existe e se você tem permissão para abri-lo.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The package file %1 could not be written (%2). Check that the folder exists and is writable and that the disk has free space.</source>
        <translation>Não foi possível gravar o pacote %1 (%2). Confira se a pasta existe, se permite gravação e se há espaço livre no disco.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancelled. Nothing was changed.</source>
        <translation>Cancelado. Nada foi alterado.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Revision %1 of the report for %2 has not been concluded. Conclude the report first, then generate the package.</source>
        <translation>A revisão %1 do relatório de %2 ainda não foi concluída. Conclua o relatório primeiro e depois gere o pacote.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The concluded revision of the report is damaged in the data folder, so no package was generated. Restore a backup of the data folder or ask for support.</source>
        <translation>A revisão concluída do relatório está danificada na pasta de dados, por isso o pacote não foi gerado. Restaure uma cópia de segurança da pasta de dados ou peça suporte.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The package&apos;s report belongs to the program “%1”, which this version of Mobiliza does not know, so it cannot be checked and was not imported. Update Mobiliza, then import it again.</source>
        <translation>O relatório do pacote pertence ao programa “%1”, que esta versão do Mobiliza não conhece; por isso ele não pode ser verificado e não foi importado. Atualize o Mobiliza e importe o arquivo novamente.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>… and %1 more.</source>
        <translation>… e mais %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The package&apos;s report does not pass the program&apos;s checks (blocking: %1), so nothing was imported. Ask whoever generated it to correct the report, conclude it again and generate a new package:</source>
        <translation>O relatório do pacote não passa nas verificações do programa (impeditivos: %1); por isso nada foi importado. Peça a quem gerou o arquivo que corrija o relatório, conclua-o novamente e gere um novo pacote:</translation>
    </message>
    <message>
        <location filename="../core/package/batch_file_reader.cpp" line="+104"/>
        <location filename="../core/package/batch_receipt.cpp" line="+115"/>
        <location filename="../core/package/package_reader.cpp" line="+106"/>
        <source>file not found</source>
        <translation>arquivo não encontrado</translation>
    </message>
    <message>
        <location filename="../core/package/batch_file_writer.cpp" line="+29"/>
        <location filename="../core/package/batch_receipt.cpp" line="-23"/>
        <location filename="../core/package/package_writer.cpp" line="+111"/>
        <source>folder not found</source>
        <translation>pasta não encontrada</translation>
    </message>
</context>
<context>
    <name>ReportService</name>
    <message>
        <location filename="../core/services/report_lifecycle.cpp" line="+102"/>
        <source>This report belongs to the program “%1”, which this version of Mobiliza does not know, so it cannot be checked and concluded. Update Mobiliza, then conclude again.</source>
        <translation>Este relatório é do programa “%1”, que esta versão do Mobiliza não conhece; por isso ele não pode ser conferido nem concluído. Atualize o Mobiliza e conclua de novo.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The report cannot be concluded yet. Fix the problems shown in the list (blocking: %1), then conclude again.</source>
        <translation>O relatório ainda não pode ser concluído. Corrija os problemas indicados na lista (impeditivos: %1) e conclua novamente.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The file of photo %1 is missing from the data folder. Remove the photo and add it again, then conclude.</source>
        <translation>O arquivo da foto %1 não está na pasta de dados. Remova a foto, adicione-a novamente e depois conclua.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>A report is concluded with its validation. Use &quot;Conclude&quot; in the report.</source>
        <translation>O relatório é concluído junto com a sua validação. Use &quot;Concluir&quot; no relatório.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The report is being sent and cannot be withdrawn now. Wait until the sending ends and try again.</source>
        <translation>O relatório está sendo enviado e não pode ser retirado agora. Aguarde o fim do envio e tente novamente.</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Revision %1 of the report was not found.</source>
        <translation>A revisão %1 do relatório não foi encontrada.</translation>
    </message>
    <message>
        <location filename="../core/services/report_service.cpp" line="+286"/>
        <source>The program or the month of the report is not valid. Choose them again.</source>
        <translation>O programa ou o mês do relatório não é válido. Escolha-os novamente.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Choose the municipality of this profile before creating reports.</source>
        <translation>Escolha o município deste perfil antes de criar relatórios.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>There is already a report for %1. Open it from the list of reports.</source>
        <translation>Já existe um relatório de %1. Abra-o na lista de relatórios.</translation>
    </message>
    <message>
        <location filename="../core/services/report_editing.cpp" line="+29"/>
        <source>This item is already in the report, so it cannot be put back. Reopen the report to see its current state.</source>
        <translation>Este item já está no relatório e por isso não pode ser restaurado. Reabra o relatório para ver como ele está agora.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../core/services/report_photos.cpp" line="+24"/>
        <source>The photo file was not stored in the data folder. Import the photo again.</source>
        <translation>O arquivo da foto não foi guardado na pasta de dados. Importe a foto novamente.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>This photo is already in the action (photo %1). Each photo goes in only once: choose a different one.</source>
        <translation>Esta foto já está na ação (foto %1). Cada foto entra uma única vez: escolha outra foto.</translation>
    </message>
    <message>
        <location filename="../core/services/service_errors.cpp" line="-24"/>
        <source>The report was not found. It may have been removed: reopen the list of reports.</source>
        <translation>O relatório não foi encontrado. Ele pode ter sido removido: abra novamente a lista de relatórios.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The action was not found. It may have been removed: reopen the report.</source>
        <translation>A ação não foi encontrada. Ela pode ter sido removida: abra o relatório novamente.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The photo was not found. It may have been removed: reopen the report.</source>
        <translation>A foto não foi encontrada. Ela pode ter sido removida: abra o relatório novamente.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This report is &quot;%1&quot; and can no longer be edited. To correct it, withdraw it from the outbox while it has not been sent, or wait until it is returned.</source>
        <translation>Este relatório está &quot;%1&quot; e não pode mais ser editado. Para corrigi-lo, retire-o da caixa de saída enquanto não tiver sido enviado, ou aguarde a devolução.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Position %1 does not exist: the list has %2 items.</source>
        <translation>A posição %1 não existe: a lista tem %2 itens.</translation>
    </message>
</context>
<context>
    <name>ReportState</name>
    <message>
        <location filename="../core/domain/report_state.cpp" line="+61"/>
        <source>A report in state &quot;%1&quot; cannot be %2.</source>
        <translation>Um relatório na situação &quot;%1&quot; não pode ser %2.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Draft</source>
        <translation>Rascunho</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready to send</source>
        <translation>Pronto para envio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received by the URS</source>
        <translation>Recebido pela URS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted by the URS</source>
        <translation>Aceito pela URS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned for correction</source>
        <translation>Devolvido para correção</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forwarded to the central level</source>
        <translation>Encaminhado ao nível central</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consolidated</source>
        <translation>Consolidado</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>concluded</source>
        <translation>concluído</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>withdrawn from the outbox</source>
        <translation>retirado da fila de envio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sent</source>
        <translation>enviado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>put back in the queue</source>
        <translation>devolvido à fila de envio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>marked as received</source>
        <translation>marcado como recebido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>accepted</source>
        <translation>aceito</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>returned for correction</source>
        <translation>devolvido para correção</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reopened</source>
        <translation>reaberto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>forwarded to the central level</source>
        <translation>encaminhado ao nível central</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>consolidated</source>
        <translation>consolidado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>returned to the URS by the central level</source>
        <translation>devolvido à URS pelo nível central</translation>
    </message>
</context>
<context>
    <name>ReviewOutbox</name>
    <message>
        <location filename="../core/regional/review_outbox.cpp" line="+83"/>
        <source>Write what the municipality must correct: a report is returned only with a comment.</source>
        <translation>Escreva o que o município deve corrigir: um relatório só é devolvido com um comentário.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Write what the regional office (URS) must look at again: a report goes back to the URS only with a comment.</source>
        <translation>Escreva o que a URS deve rever: um relatório só volta para a URS com um comentário.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The comment may have up to %1 characters and up to %2 notes. Shorten it and decide again.</source>
        <translation>O comentário pode ter até %1 caracteres e até %2 observações. Encurte-o e decida de novo.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Each note needs a text of up to %1 characters, and a note on a photo must name its action. Correct the notes and decide again.</source>
        <translation>Cada observação precisa de um texto de até %1 caracteres, e uma observação sobre uma foto deve indicar a sua ação. Corrija as observações e decida de novo.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>This report is not in the regional inbox. Synchronize and try again.</source>
        <translation>Este relatório não está na caixa de entrada da regional. Sincronize e tente de novo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The municipality sent a newer revision (%1) of this report. Review the newest revision instead.</source>
        <translation>O município enviou uma revisão mais nova (%1) deste relatório. Analise a revisão mais nova.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A decision on this revision was already made here.</source>
        <translation>Uma decisão sobre esta revisão já foi tomada aqui.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This revision can no longer be reviewed (it is &quot;%1&quot;).</source>
        <translation>Esta revisão não pode mais ser analisada (ela está &quot;%1&quot;).</translation>
    </message>
</context>
<context>
    <name>RevisionImporter</name>
    <message>
        <location filename="../core/services/revision_importer.cpp" line="+104"/>
        <source>Choose the municipality of this profile before importing reports.</source>
        <translation>Escolha o município deste perfil antes de importar relatórios.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This file holds a report of another apoiador (%1), and this installation keeps the reports of %2. Import it in that apoiador&apos;s installation.</source>
        <translation>Este arquivo traz um relatório de outro(a) apoiador(a) (%1), e esta instalação guarda os relatórios de %2. Importe-o na instalação desse(a) apoiador(a).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This file holds a report of another municipality (IBGE %1), and this installation keeps the reports of IBGE %2. Import it in the installation of that municipality.</source>
        <translation>Este arquivo traz o relatório de outro município (IBGE %1), e esta instalação guarda os relatórios do IBGE %2. Importe-o na instalação daquele município.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This installation has another report with the same identification as the file. The file was not imported. Ask whoever generated it for a new file.</source>
        <translation>Esta instalação tem outro relatório com a mesma identificação do arquivo. O arquivo não foi importado. Peça um novo arquivo a quem o gerou.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>This installation already has revision %1 of the report for %2, with different content. The file was not imported. Check with whoever generated it which version is the right one.</source>
        <translation>Esta instalação já tem a revisão %1 do relatório de %2, com conteúdo diferente. O arquivo não foi importado. Confirme com quem o gerou qual versão é a correta.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Revision %1 of the report for %2 is being edited in this installation, and the file brings the older revision %3. The file was not imported, so that nothing typed is lost.</source>
        <translation>A revisão %1 do relatório de %2 está sendo editada nesta instalação, e o arquivo traz a revisão %3, mais antiga. O arquivo não foi importado, para que nada do que foi digitado se perca.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>This installation already has revision %1 of the report for %2, and the file brings the older revision %3. The file was not imported.</source>
        <translation>Esta instalação já tem a revisão %1 do relatório de %2, e o arquivo traz a revisão %3, mais antiga. O arquivo não foi importado.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+24"/>
        <source>The report for %1 is a draft with work typed in this installation. The file was not imported, so that nothing typed is lost. Finish that draft here, or remove its actions first if the file should replace it.</source>
        <translation>O relatório de %1 é um rascunho com trabalho digitado nesta instalação. O arquivo não foi importado, para que nada do que foi digitado se perca. Termine esse rascunho aqui ou, se o arquivo deve substituí-lo, remova antes as ações dele.</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>The report for %1 is being sent now. Wait until the sending ends, then import the file again.</source>
        <translation>O relatório de %1 está sendo enviado agora. Aguarde o fim do envio e importe o arquivo de novo.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Another report for %1 was already concluded in this installation. The file was not imported. Check with whoever generated it which report is the right one.</source>
        <translation>Outro relatório de %1 já foi concluído nesta instalação. O arquivo não foi importado. Confirme com quem o gerou qual relatório é o correto.</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>Some photos of the report are not stored in this installation. Import the package file again.</source>
        <translation>Algumas fotos do relatório não estão guardadas nesta instalação. Importe o arquivo do pacote de novo.</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <location filename="../core/domain/role.cpp" line="+32"/>
        <source>Municipality</source>
        <translation>Município</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Regional health unit (URS)</source>
        <translation>Unidade Regional de Saúde (URS)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Central level</source>
        <translation>Nível central</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../sync/client/sync_controller.cpp" line="+41"/>
        <source>&quot;%1&quot; is a plain http:// address: the enrollment code, the access key and partners&apos; contacts would travel unprotected over the network, so Mobiliza does not use it. Type the https:// address given by the URS, for example https://hub.urs.saude.mg.gov.br.</source>
        <translation>&quot;%1&quot; é um endereço http:// simples: o código de cadastro, a chave de acesso e os contatos dos parceiros viajariam pela rede sem proteção, por isso o Mobiliza não o usa. Digite o endereço https:// informado pela URS, por exemplo https://hub.urs.saude.mg.gov.br.</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Not connected to a hub</source>
        <translation>Não conectado a um hub</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Up to date</source>
        <translation>Em dia</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checking the connection…</source>
        <translation>Verificando a conexão…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Synchronizing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No connection to the hub</source>
        <translation>Sem conexão com o hub</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Needs attention</source>
        <translation>Precisa de atenção</translation>
    </message>
    <message>
        <location filename="../sync/client/sync_controller_enroll.cpp" line="+139"/>
        <source>This code is for %1, but this installation is %2. Ask the hub&apos;s administrator for a code of the right kind.</source>
        <translation>Este código é para %1, mas esta instalação é de %2. Peça ao administrador do hub um código do tipo certo.</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>a URS (%1)</source>
        <translation>uma URS (%1)</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>the coordination of the state %1</source>
        <translation>a coordenação do estado %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the central level</source>
        <translation>o nível central</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>an apoiador of the state %1</source>
        <translation>um(a) apoiador(a) do estado %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a municipality (IBGE %1)</source>
        <translation>um município (IBGE %1)</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>This code is of another program (%1) than this installation&apos;s (%2). Ask the hub&apos;s administrator for a code of your program.</source>
        <translation>Este código é de outro programa (%1), não do desta instalação (%2). Peça ao administrador do hub um código do seu programa.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>This code was issued for the state %1, but this installation is of %2. Ask the hub&apos;s administrator for a code for %2.</source>
        <translation>Este código foi emitido para o estado %1, mas esta instalação é de %2. Peça ao administrador do hub um código para %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This code was issued for the URS %1, but this installation is the URS %2. Ask the hub&apos;s administrator for a code for %2.</source>
        <translation>Este código foi emitido para a URS %1, mas esta instalação é da URS %2. Peça ao administrador do hub um código para %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>This code was issued for an apoiador of the state %1, but this installation is an apoiador of %2. Ask for a code for %2.</source>
        <translation>Este código foi emitido para um(a) apoiador(a) do estado %1, mas esta instalação é de um(a) apoiador(a) de %2. Peça um código para %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The hub enrolled this code as another apoiador (%1), but this installation is %2. Update Mobiliza, or tell the hub&apos;s administrator.</source>
        <translation>O hub cadastrou este código como outro(a) apoiador(a) (%1), mas esta instalação é %2. Atualize o Mobiliza ou avise o administrador do hub.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This code was issued for another municipality (IBGE %1), but this profile belongs to %2. Ask the URS for a code for this municipality.</source>
        <translation>Este código foi emitido para outro município (IBGE %1), mas este perfil pertence a %2. Peça à URS um código para este município.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>A connection to the hub is already being made.</source>
        <translation>Uma conexão com o hub já está em andamento.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a hub address. Type the address the URS gave you, for example https://hub.urs.saude.mg.gov.br.</source>
        <translation>&quot;%1&quot; não é um endereço de hub. Digite o endereço que a URS passou, por exemplo https://hub.urs.saude.mg.gov.br.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Type the enrollment code the URS gave you.</source>
        <translation>Digite o código de cadastro que a URS passou.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose this profile&apos;s municipality before connecting to the hub.</source>
        <translation>Escolha o município deste perfil antes de conectar ao hub.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Connected to %1. Concluded reports will be sent automatically.</source>
        <translation>Conectado: %1. Os relatórios concluídos serão enviados automaticamente.</translation>
    </message>
    <message>
        <location filename="../sync/client/sync_controller.cpp" line="+129"/>
        <source>This computer is not connected to the hub of its URS yet. Ask the URS for an enrollment code and choose &quot;Connect to the URS hub…&quot; on the Synchronization page.</source>
        <translation>Este computador ainda não está conectado ao hub da sua URS. Peça um código de cadastro à URS e escolha &quot;Conectar ao hub da URS…&quot; na página Sincronização.</translation>
    </message>
</context>
<context>
    <name>SyncEngine</name>
    <message>
        <location filename="../sync/client/sync_engine.cpp" line="-183"/>
        <source>Report %1 (revision %2)</source>
        <translation>Relatório de %1 (revisão %2)</translation>
    </message>
    <message>
        <location filename="../sync/client/sync_engine_targets.cpp" line="+28"/>
        <source>Targets: %1</source>
        <translation>Metas: %1</translation>
    </message>
    <message>
        <location filename="../sync/client/sync_engine.cpp" line="+195"/>
        <source>The file of photo %1 is missing from this computer&apos;s data folder. Withdraw the report, add the photo again and conclude it.</source>
        <translation>O arquivo da foto %1 não está na pasta de dados deste computador. Retire o relatório da fila, adicione a foto de novo e conclua.</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>The hub&apos;s receipt does not match this report (the content differs). It will be sent again; if this repeats, tell the URS.</source>
        <translation>O comprovante do hub não corresponde a este relatório (o conteúdo é diferente). Ele será enviado de novo; se isso se repetir, avise a URS.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>A partner was not sent: %1</source>
        <translation>Um parceiro não foi enviado: %1</translation>
    </message>
</context>
<context>
    <name>Targets</name>
    <message>
        <location filename="../core/reference/targets.cpp" line="+22"/>
        <source>The targets file cannot be used: %1. Ask the central level to publish the targets again.</source>
        <translation>As metas recebidas não podem ser usadas: %1. Peça ao nível central que publique as metas de novo.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>it is not a JSON object</source>
        <translation>não é um objeto JSON</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its schema is not %1</source>
        <translation>o esquema não é %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>its revision is not a whole number from 1 on</source>
        <translation>a revisão não é um número inteiro a partir de 1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the moment it was saved (&quot;updated&quot;) is missing or not a date</source>
        <translation>falta o momento em que foram salvas (&quot;updated&quot;) ou ele não é uma data</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&quot;coverage&quot; is not an object</source>
        <translation>&quot;coverage&quot; não é um objeto</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the coverage target of &quot;%1&quot; is not a share above 0 and up to 1</source>
        <translation>a meta de cobertura de &quot;%1&quot; não é uma fração acima de 0 e até 1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&quot;actions&quot; is not a list</source>
        <translation>&quot;actions&quot; não é uma lista</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a year of the action targets is missing, repeated or outside 2000–2100</source>
        <translation>um ano das metas de ações falta, se repete ou está fora de 2000–2100</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the state&apos;s action target for %1 is not a whole number of actions</source>
        <translation>a meta de ações do estado para %1 não é um número inteiro de ações</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the action target per municipality for %1 is not a whole number of actions</source>
        <translation>a meta de ações por município para %1 não é um número inteiro de ações</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the action target of &quot;%1&quot; for %2 is not a whole number of actions</source>
        <translation>a meta de ações de &quot;%1&quot; para %2 não é um número inteiro de ações</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>The targets name the URS &quot;%1&quot;, which the reference table does not have by that name. Use the URS&apos;s name as the list shows it.</source>
        <translation>As metas citam a URS &quot;%1&quot;, que a tabela de referência não tem com esse nome. Use o nome da URS como a lista o mostra.</translation>
    </message>
</context>
<context>
    <name>TargetsService</name>
    <message>
        <location filename="../core/services/targets_service.cpp" line="+91"/>
        <source>Only the central level sets the targets. Your targets come from the hub at each synchronization.</source>
        <translation>Só o nível central define as metas. As suas metas chegam do hub a cada sincronização.</translation>
    </message>
</context>
<context>
    <name>TextSearch</name>
    <message>
        <location filename="../core/panel/text_search.cpp" line="+5"/>
        <source>Type one or more words to search for.</source>
        <translation>Digite uma ou mais palavras para buscar.</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>Search</source>
        <translation>Busca</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Found in</source>
        <translation>Encontrado em</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passages</source>
        <translation>Trechos</translation>
    </message>
</context>
<context>
    <name>TokenStore</name>
    <message>
        <location filename="../sync/client/token_store.cpp" line="+23"/>
        <source>The hub access key could not be saved in %1. Check that the data folder is writable, then connect to the hub again.</source>
        <translation>Não foi possível salvar a chave de acesso ao hub em %1. Confira se é possível gravar na pasta de dados e conecte ao hub de novo.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The hub access key could not be read. Connect to the hub again on the Synchronization page.</source>
        <translation>Não foi possível ler a chave de acesso ao hub. Conecte ao hub de novo na página Sincronização.</translation>
    </message>
</context>
<context>
    <name>ValidationEngine</name>
    <message>
        <location filename="../core/program/validation_engine.cpp" line="+25"/>
        <source>This report belongs to the program “%1”, not to “%2”. Open it with the right program.</source>
        <translation>Este relatório pertence ao programa “%1”, e não a “%2”. Abra-o com o programa certo.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The report has no valid month (competência). Choose the month of the report.</source>
        <translation>O relatório não tem uma competência válida. Escolha o mês do relatório.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The period %1 is a month, but this program reports by four-month period. Choose the four-month period of the report.</source>
        <translation>O período %1 é um mês, mas este programa é informado por quadrimestre. Escolha o quadrimestre do relatório.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The period %1 is a four-month period, but this program reports by month. Choose the month of the report.</source>
        <translation>O período %1 é um quadrimestre, mas este programa é informado por mês. Escolha o mês do relatório.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+36"/>
        <source>This program does not accept a report without actions. Add at least one action.</source>
        <translation>Este programa não aceita relatório sem ações. Inclua pelo menos uma ação.</translation>
    </message>
    <message>
        <location line="-30"/>
        <source>The report is marked “No actions this month” but has %1 actions. Remove the actions or unmark the option.</source>
        <translation>O relatório está marcado como “Sem ações no mês”, mas tem %1 ação(ões). Remova as ações ou desmarque a opção.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Explain why there were no actions this month (at least %1 characters).</source>
        <translation>Explique por que não houve ações no mês (pelo menos %1 caracteres).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The justification for no actions this month is too short (%1 characters). Explain the reason in at least %2 characters.</source>
        <translation>A justificativa de “sem ações no mês” está curta demais (%1 caracteres). Explique o motivo em pelo menos %2 caracteres.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The report has no actions. Add at least one action, or mark “No actions this month” and explain why.</source>
        <translation>O relatório não tem ações. Inclua pelo menos uma ação ou marque “Sem ações no mês” e explique o motivo.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The report has %1 actions; the program asks for at least %2. Add the missing actions.</source>
        <translation>O relatório tem %1 ação(ões); o programa pede pelo menos %2. Inclua as ações que faltam.</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>%1: you chose “%3” in “%2”. Describe it in “%4”.</source>
        <translation>%1: você escolheu “%3” em “%2”. Descreva em “%4”.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1: the date %3 in “%2” is outside the period of the report (%4). Use a date from %5 to %6, or record it in the report of its own period.</source>
        <translation>%1: a data %3 em “%2” está fora do período do relatório (%4). Use uma data de %5 a %6, ou registre-a no relatório do seu próprio período.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: the date %3 in “%2” is outside the month of the report (%4). Use a date from %5 to %6, or record the action in the report of its own month.</source>
        <translation>%1: a data %3 em “%2” está fora do mês do relatório (%4). Use uma data de %5 a %6 ou registre a ação no relatório do mês em que ela ocorreu.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1: “%2” (%3) is before “%4” (%5). Correct one of the dates.</source>
        <translation>%1: “%2” (%3) é anterior a “%4” (%5). Corrija uma das datas.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1: fill in “%2”; it is required by the answer given in “%3”.</source>
        <translation>%1: preencha “%2”; ele é obrigatório por causa da resposta dada em “%3”.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1: %2 add up to %3, but “%4” is %5. Correct the numbers so that they add up to the total, or leave them all blank.</source>
        <translation>%1: %2 somam %3, mas “%4” é %5. Corrija os números para que somem o total, ou deixe-os todos em branco.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1: the municipality %3 in “%2” is in %4, not in the state chosen in “%5” (%6). Choose a municipality of %6, or change the state.</source>
        <translation>%1: o município %3 em “%2” fica em %4, não no estado escolhido em “%5” (%6). Escolha um município de %6 ou mude o estado.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1, photo %2: it shows identifiable people, but no image-use authorization is on file. File the signed authorization (a guardian&apos;s for children) or replace the photo.</source>
        <translation>%1, foto %2: mostra pessoas identificáveis, mas não há autorização de uso de imagem arquivada. Arquive a autorização assinada (a do responsável legal, no caso de crianças) ou substitua a foto.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 has no photo. Add at least one photo as proof of the action.</source>
        <translation>%1 não tem foto. Inclua pelo menos uma foto como comprovação da ação.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 has %2 photos; add at least %3 as proof of the action.</source>
        <translation>%1 tem %2 foto(s); inclua pelo menos %3 como comprovação da ação.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 has %2 photos; the maximum is %3. Remove the extra photos.</source>
        <translation>%1 tem %2 fotos; o máximo é %3. Remova as fotos excedentes.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1, photo %2: the photo file is missing. Remove the photo and add it again.</source>
        <translation>%1, foto %2: o arquivo da foto não foi encontrado. Remova a foto e inclua-a novamente.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1, photo %2: write a caption that describes the photo.</source>
        <translation>%1, foto %2: escreva uma legenda que descreva a foto.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1, photo %2: the caption has %3 characters; shorten it to at most %4.</source>
        <translation>%1, foto %2: a legenda tem %3 caracteres; reduza para no máximo %4.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1, photo %2: fill in the photo&apos;s author.</source>
        <translation>%1, foto %2: informe o autor da foto.</translation>
    </message>
    <message>
        <location filename="../core/program/validation_fields.cpp" line="+25"/>
        <source>%1: link at least one partner in “%2”.</source>
        <translation>%1: vincule pelo menos um parceiro em “%2”.</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+293"/>
        <source>%1: choose an option in “%2”.</source>
        <translation>%1: escolha uma opção em “%2”.</translation>
    </message>
    <message>
        <location line="-291"/>
        <location line="+293"/>
        <source>%1: fill in “%2”.</source>
        <translation>%1: preencha “%2”.</translation>
    </message>
    <message>
        <location line="-248"/>
        <source>%1: “%2” must be text. Enter it again.</source>
        <translation>%1: “%2” deve ser um texto. Digite-o novamente.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: “%2” has %3 characters; shorten it to at most %4.</source>
        <translation>%1: “%2” tem %3 caracteres; reduza para no máximo %4.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: “%2” is too short (%3 characters). Write at least %4 characters.</source>
        <translation>%1: “%2” está curto demais (%3 caracteres). Escreva pelo menos %4 caracteres.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: “%2” is not a valid date. Enter it as dd/mm/yyyy.</source>
        <translation>%1: “%2” não é uma data válida. Digite-a no formato dd/mm/aaaa.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: “%2” must be a whole number. Enter a number such as 25.</source>
        <translation>%1: “%2” deve ser um número inteiro. Digite um número, por exemplo 25.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: “%2” must be a whole number, without decimals.</source>
        <translation>%1: “%2” deve ser um número inteiro, sem casas decimais.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: “%2” must be at least %3.</source>
        <translation>%1: “%2” deve ser no mínimo %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: “%2” must be at most %3. Check the value.</source>
        <translation>%1: “%2” deve ser no máximo %3. Confira o valor.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: “%2” must be yes or no. Mark it again.</source>
        <translation>%1: “%2” deve ser sim ou não. Marque novamente.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: “%2” has an invalid selection. Choose the option again.</source>
        <translation>%1: “%2” tem uma seleção inválida. Escolha a opção novamente.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: “%2” has an option that does not exist in this program (code “%3”). Choose an option from the list.</source>
        <translation>%1: “%2” tem uma opção que não existe neste programa (código “%3”). Escolha uma opção da lista.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: the option “%3” in “%2” is no longer in use. Choose a current option if possible.</source>
        <translation>%1: a opção “%3” em “%2” não está mais em uso. Se possível, escolha uma opção atual.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: choose at least %3 options in “%2”.</source>
        <translation>%1: escolha pelo menos %3 opções em “%2”.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: choose at most %3 options in “%2”.</source>
        <translation>%1: escolha no máximo %3 opções em “%2”.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: “%2” are not valid coordinates. Enter the latitude (-90 to 90) and the longitude (-180 to 180) again, or leave them empty.</source>
        <translation>%1: “%2” não são coordenadas válidas. Digite novamente a latitude (-90 a 90) e a longitude (-180 a 180) ou deixe o campo vazio.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+51"/>
        <source>%1: “%2” is not a known municipality code (%3). Choose the municipality from the list.</source>
        <translation>%1: “%2” não é um código de município conhecido (%3). Escolha o município na lista.</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>%1: “%2” is not a known health region code (%3). Choose the health region from the list.</source>
        <translation>%1: “%2” não é um código de região de saúde conhecido (%3). Escolha a região de saúde na lista.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: “%2” is not a Brazilian state (%3). Choose the state from the list.</source>
        <translation>%1: “%2” não é um estado brasileiro (%3). Escolha o estado na lista.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1: “%2” has an invalid selection. Choose the municipalities again.</source>
        <translation>%1: “%2” tem uma seleção inválida. Escolha os municípios novamente.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1: “%2” lists %3 more than once. Keep it once.</source>
        <translation>%1: “%2” lista %3 mais de uma vez. Deixe-o uma vez só.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: choose at least %3 municipalities in “%2”.</source>
        <translation>%1: escolha pelo menos %3 municípios em “%2”.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: choose at most %3 municipalities in “%2”.</source>
        <translation>%1: escolha no máximo %3 municípios em “%2”.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1: “%2” is not a valid list. Enter its entries again.</source>
        <translation>%1: “%2” não é uma lista válida. Digite os itens novamente.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1: add at least %3 entries in “%2”.</source>
        <translation>%1: acrescente pelo menos %3 itens em “%2”.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: “%2” has %3 entries; the maximum is %4.</source>
        <translation>%1: “%2” tem %3 itens; o máximo é %4.</translation>
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
        <translation>%1 não é válido. Digite-o novamente.</translation>
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
        <translation>Notas da URS sobre esta ação</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fields marked with * are required. Everything is saved as you type.</source>
        <translation>Os campos marcados com * são obrigatórios. Tudo é salvo enquanto você digita.</translation>
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
        <translation>(ainda sem título)</translation>
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
        <translation>nenhuma foto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>1 photo</source>
        <translation>1 foto</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 photos</source>
        <translation>%1 fotos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>▲ 1 note from the URS</source>
        <translation>▲ 1 nota da URS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>▲ %1 notes from the URS</source>
        <translation>▲ %1 notas da URS</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Something in this action blocks concluding: see the list below.</source>
        <translation>Há algo nesta ação que impede a conclusão: veja a lista abaixo.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes from the URS:</source>
        <translation>Notas da URS:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 %2: %3</source>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source> (notes from the URS: %1)</source>
        <translation> (notas da URS: %1)</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::BatchModel</name>
    <message>
        <location filename="../app/ui/regional/batch_model.cpp" line="+48"/>
        <source>Waiting to be sent</source>
        <translation>Aguardando envio</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Consolidated by the central level</source>
        <translation>Consolidado pelo nível central</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Received by the central level on %1</source>
        <translation>Recebido pelo nível central em %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received by the central level on %1 (%2)</source>
        <translation>Recebido pelo nível central em %1 (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 consolidated</source>
        <translation>%1 de %2 consolidados</translation>
    </message>
    <message numerus="yes">
        <location line="-12"/>
        <source>%n returned to the URS</source>
        <translation>
            <numerusform>%n devolvido à URS</numerusform>
            <numerusform>%n devolvidos à URS</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Decided by the central level: %1, %2</source>
        <translation>Decidido pelo nível central: %1, %2</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n consolidated</source>
        <translation>
            <numerusform>%n consolidado</numerusform>
            <numerusform>%n consolidados</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Refused: %1</source>
        <translation>Recusado: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File written</source>
        <translation>Arquivo gravado</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>file: %1</source>
        <translation>arquivo: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>over the network</source>
        <translation>pela rede</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>It goes at the next synchronization. Last attempt: %1</source>
        <translation>Vai na próxima sincronização. Última tentativa: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It goes to the hub at the next synchronization.</source>
        <translation>Vai ao hub na próxima sincronização.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Month</source>
        <translation>Competência</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reports</source>
        <translation>Relatórios</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>Criado em</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>By</source>
        <translation>Por</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Situação</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::BatchesPage</name>
    <message>
        <location filename="../app/ui/regional/batches_page.cpp" line="+93"/>
        <source>Batches</source>
        <translation>Lotes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The reports the hub accepted go to the central level (SES-MG) in batches of a month: over the network, at the next synchronization, or in a batch file taken there by hand.</source>
        <translation>Os relatórios aceitos pelo hub vão ao nível central (SES-MG) em lotes de uma competência: pela rede, na próxima sincronização, ou num arquivo de lote levado em mãos.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Month:</source>
        <translation>&amp;Competência:</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+256"/>
        <location line="+9"/>
        <source>Forward to the central level</source>
        <translation>Encaminhar ao nível central</translation>
    </message>
    <message>
        <location line="-263"/>
        <source>Makes a batch of the month&apos;s accepted reports; it goes over the network at the next synchronization, which starts now.</source>
        <translation>Faz um lote com os relatórios aceitos da competência; ele vai pela rede na próxima sincronização, que começa agora.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write batch file…</source>
        <translation>Gravar arquivo de lote…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writes the month&apos;s accepted reports, with their photos, to one file to take to the central level (a USB stick, for example).</source>
        <translation>Grava os relatórios aceitos da competência, com as fotos, num só arquivo para levar ao nível central (num pen drive, por exemplo).</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+23"/>
        <source>Batches made at this URS</source>
        <translation>Lotes feitos nesta URS</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Import receipt…</source>
        <translation>Importar recibo…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Records the receipt file (.mobiliza-recibo) the central level gave back for a batch file: the batch becomes received by the central level.</source>
        <translation>Registra o arquivo de recibo (.mobiliza-recibo) que o nível central devolveu para um arquivo de lote: o lote passa a recebido pelo nível central.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>No batch yet. Choose a month with accepted reports and forward them.</source>
        <translation>Nenhum lote ainda. Escolha uma competência com relatórios aceitos e encaminhe-os.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Municipalities in the batch</source>
        <translation>Municípios do lote</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The batches could not be read: %1</source>
        <translation>Os lotes não puderam ser lidos: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+37"/>
        <source>%1 · %n to forward</source>
        <translation>
            <numerusform>%1 · %n a encaminhar</numerusform>
            <numerusform>%1 · %n a encaminhar</numerusform>
        </translation>
    </message>
    <message>
        <location line="+32"/>
        <source>No report received yet.</source>
        <translation>Nenhum relatório recebido ainda.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n accepted report(s) of %1 waiting to be forwarded.</source>
        <translation>
            <numerusform>%n relatório aceito de %1 aguardando encaminhamento.</numerusform>
            <numerusform>%n relatórios aceitos de %1 aguardando encaminhamento.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No accepted report of %1 is waiting to be forwarded.</source>
        <translation>Nenhum relatório aceito de %1 aguarda encaminhamento.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A batch of this month goes to the hub at the next synchronization.</source>
        <translation>Um lote desta competência vai ao hub na próxima sincronização.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Select a batch to see its reports.</source>
        <translation>Selecione um lote para ver os seus relatórios.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Batch of %1 · %n report(s)</source>
        <translation>
            <numerusform>Lote de %1 · %n relatório</numerusform>
            <numerusform>Lote de %1 · %n relatórios</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Made on %1 by %2</source>
        <translation>Feito em %1 por %2</translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>Forward %n report(s) of %1 to the central level?</source>
        <translation>
            <numerusform>Encaminhar %n relatório de %1 ao nível central?</numerusform>
            <numerusform>Encaminhar %n relatórios de %1 ao nível central?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>They go over the network at the next synchronization.</source>
        <translation>Eles vão pela rede na próxima sincronização.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Forward</source>
        <translation>Encaminhar</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing was forwarded: %1</source>
        <translation>Nada foi encaminhado: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Batch of %1 with %n report(s) made: it goes to the hub at the next synchronization.</source>
        <translation>
            <numerusform>Lote de %1 com %n relatório criado: vai ao hub na próxima sincronização.</numerusform>
            <numerusform>Lote de %1 com %n relatórios criado: vai ao hub na próxima sincronização.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+24"/>
        <location line="+66"/>
        <location line="+19"/>
        <source>Write batch file</source>
        <translation>Gravar arquivo de lote</translation>
    </message>
    <message>
        <location line="-108"/>
        <source>Mobiliza batch file (*.mobiliza-lote)</source>
        <translation>Arquivo de lote do Mobiliza (*.mobiliza-lote)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Writing the batch file of %1…</source>
        <translation>Gravando o arquivo de lote de %1…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancelling: the batch file is being removed…</source>
        <translation>Cancelando: o arquivo de lote está sendo removido…</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%1 of %n photo(s) written (%2 of %3).</source>
        <translation>
            <numerusform>%1 de %n foto gravada (%2 de %3).</numerusform>
            <numerusform>%1 de %n fotos gravadas (%2 de %3).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Cancelled: no batch file was written and nothing changed.</source>
        <translation>Cancelado: nenhum arquivo de lote foi gravado e nada mudou.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Take the file to the central level; it is verified there like a report package. Its receipt, carried back, goes in with Import receipt…</source>
        <translation>Leve o arquivo ao nível central; lá ele é conferido como um pacote de relatório. O recibo, trazido de volta, entra com Importar recibo…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The batch file was not written.</source>
        <translation>O arquivo de lote não foi gravado.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A synchronization has started to bring them.</source>
        <translation>Uma sincronização foi iniciada para trazê-las.</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+31"/>
        <location line="+2"/>
        <source>Import receipt</source>
        <translation>Importar recibo</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Receipts of the central level (*.mobiliza-recibo)</source>
        <translation>Recibos do nível central (*.mobiliza-recibo)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: the batch of %2 was already recorded as received (%3, %4); nothing changed.</source>
        <translation>%1: o lote de %2 já estava registrado como recebido (%3, %4); nada mudou.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: the batch of %2 is now received by the central level (%3, %4).</source>
        <translation>%1: o lote de %2 agora está recebido pelo nível central (%3, %4).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A refused receipt changed nothing.</source>
        <translation>Um recibo recusado não mudou nada.</translation>
    </message>
    <message>
        <location line="-56"/>
        <source>The batch file was not written: %1</source>
        <translation>O arquivo de lote não foi gravado: %1</translation>
    </message>
    <message numerus="yes">
        <location line="-12"/>
        <source>Batch file written: %n report(s) of %1 in %2.</source>
        <translation>
            <numerusform>Arquivo de lote gravado: %n relatório de %1 em %2.</numerusform>
            <numerusform>Arquivo de lote gravado: %n relatórios de %1 em %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n report(s) of %1 written to %2.</source>
        <translation>
            <numerusform>%n relatório de %1 gravado em %2.</numerusform>
            <numerusform>%n relatórios de %1 gravados em %2.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::CheckList</name>
    <message>
        <location filename="../app/ui/editor/field_editors.cpp" line="+33"/>
        <source>Filter the list…</source>
        <translation>Filtrar a lista…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter</source>
        <translation>Filtro</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>Chosen: %1</source>
        <translation>Escolhidos: %1</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::CoverageModel</name>
    <message>
        <location filename="../app/ui/regional/coverage_model.cpp" line="+58"/>
        <source>late</source>
        <translation>atraso</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no actions</source>
        <translation>sem ações</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>returned</source>
        <translation>devolvido</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 of %2 (%3%)</source>
        <translation>%1 de %2 (%3%)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 was not in the program in %2 (joined later, or has left): no report is expected.</source>
        <translation>%1 não participava do programa no %2 (entrou depois ou saiu): nenhum relatório é esperado.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 has not sent the report of %2; deadline: %3.</source>
        <translation>%1 não enviou o relatório de %2; prazo: %3.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: the report of %2 was returned for correction; the corrected revision has not arrived yet.</source>
        <translation>%1: o relatório de %2 foi devolvido para correção; a revisão corrigida ainda não chegou.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 reported no actions in %2 (justified); sent on %3.</source>
        <translation>%1 informou que não houve ações em %2 (justificado); enviado em %3.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 sent the report of %2 late, on %3 (deadline: %4).</source>
        <translation>%1 enviou o relatório de %2 com atraso, em %3 (prazo: %4).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 sent the report of %2 on time, on %3 (deadline: %4).</source>
        <translation>%1 enviou o relatório de %2 no prazo, em %3 (prazo: %4).</translation>
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
        <translation>%1º quadrim.
%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1: %2 reported (on time, late or without actions); target: %3% of the apoiadores.</source>
        <translation>%1: %2 enviaram (no prazo, com atraso ou sem ações); meta: %3% dos apoiadores.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1: %2 reported (on time, late or without actions); target: %3% of the municipalities.</source>
        <translation>%1: %2 enviaram (no prazo, com atraso ou sem ações); meta: %3% dos municípios.</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::CoveragePage</name>
    <message>
        <location filename="../app/ui/regional/coverage_page.cpp" line="+37"/>
        <source>No actions in the period (justified)</source>
        <translation>Sem ações no período (justificado)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Coverage</source>
        <translation>Cobertura</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Which apoiador reported which period, over the last two years, and which municipalities of the state the period&apos;s apoio reached. A period counts as reported when its report was sent on time, late, or without actions (justified). Double-click a cell to open its report.</source>
        <translation>Quem enviou o relatório de cada período, nos dois últimos anos, e quais municípios do estado o apoio do período alcançou. Um período conta como enviado quando o relatório foi enviado no prazo, com atraso ou sem ações (justificado). Clique duas vezes numa célula para abrir o relatório.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Which municipality reported which month, over the last 12 months. A month counts as reported when it was sent on time, late, or without actions (justified). Double-click a cell to open its report.</source>
        <translation>Quais municípios enviaram o relatório de cada mês, nos últimos 12 meses. Conta como enviado o relatório no prazo, com atraso ou sem ações (justificado). Clique duas vezes numa célula para abrir o relatório.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Coverage by apoiador and period</source>
        <translation>Cobertura por apoiador(a) e período</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coverage by municipality and month</source>
        <translation>Cobertura por município e mês</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Open the report</source>
        <translation>Abrir o relatório</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export not reported (CSV)…</source>
        <translation>Exportar não enviados (CSV)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A spreadsheet (Excel) of the selected period&apos;s apoiadores that did not report.</source>
        <translation>Uma planilha (Excel) dos apoiadores que não enviaram o relatório do período escolhido.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A spreadsheet (Excel) of the selected month&apos;s municipalities that did not report.</source>
        <translation>Uma planilha (Excel) com os municípios que não enviaram o relatório do mês selecionado.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy list</source>
        <translation>Copiar lista</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copies the names, one per line, to paste in an e-mail or a message.</source>
        <translation>Copia os nomes, um por linha, para colar num e-mail ou numa mensagem.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Copy municipalities without apoio</source>
        <translation>Copiar municípios sem apoio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copies the names of the state&apos;s municipalities that no action of the period reached, one per line.</source>
        <translation>Copia os nomes dos municípios do estado que nenhuma ação do período alcançou, um por linha.</translation>
    </message>
    <message>
        <location line="+81"/>
        <location line="+17"/>
        <source>The coverage could not be computed: %1</source>
        <translation>Não foi possível calcular a cobertura: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No apoiador is known yet: the list arrives from the hub at the next synchronization, with the reports.</source>
        <translation>Ainda não há apoiadores conhecidos: a lista chega do hub na próxima sincronização, com os relatórios.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This profile&apos;s URS has no municipality in the reference table.</source>
        <translation>A URS deste perfil não tem municípios na tabela de referência.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Select a cell to see what it means.</source>
        <translation>Selecione uma célula para ver o que ela significa.</translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>%1: %2 reported · %n did not report (not sent or returned).</source>
        <translation>
            <numerusform>%1: %2 enviaram · %n não enviou (não enviado ou devolvido).</numerusform>
            <numerusform>%1: %2 enviaram · %n não enviaram (não enviados ou devolvidos).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Where the apoio reached could not be read: %1</source>
        <translation>Não foi possível ler onde o apoio chegou: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%1 in %2: %3 of %4 municipalities had apoio (%5%) · %n without apoio.</source>
        <translation>
            <numerusform>%1 no %2: %3 de %4 municípios tiveram apoio (%5%) · %n sem apoio.</numerusform>
            <numerusform>%1 no %2: %3 de %4 municípios tiveram apoio (%5%) · %n sem apoio.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n action(s) named a região de saúde, not municipalities.</source>
        <translation>
            <numerusform>%n ação indicou uma região de saúde, não municípios.</numerusform>
            <numerusform>%n ações indicaram uma região de saúde, não municípios.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n report(s) of the period still arriving: the count may grow.</source>
        <translation>
            <numerusform>%n relatório do período ainda chegando: a contagem pode aumentar.</numerusform>
            <numerusform>%n relatórios do período ainda chegando: a contagem pode aumentar.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Municipalities of %1 without apoio in %2 (%3 of %4):</source>
        <translation>Municípios de %1 sem apoio no %2 (%3 de %4):</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>%1 (returned for correction)</source>
        <translation>%1 (devolvido para correção)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Apoiadores that did not report %1 (%2 of %3):</source>
        <translation>Apoiadores que não enviaram o relatório do %1 (%2 de %3):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Municipalities of the state that did not report %1 (%2 of %3):</source>
        <translation>Municípios do estado que não enviaram %1 (%2 de %3):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Municipalities of the URS %1 that did not report %2 (%3 of %4):</source>
        <translation>Municípios da URS %1 que não enviaram o relatório de %2 (%3 de %4):</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+5"/>
        <location line="+4"/>
        <source>Export not reported (CSV)</source>
        <translation>Exportar não enviados (CSV)</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV para Excel (*.csv)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file was not written: %1</source>
        <translation>O arquivo não foi gravado: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved: %1</source>
        <translation>Salvo: %1</translation>
    </message>
    <message>
        <location line="-315"/>
        <location line="+321"/>
        <source>List copied.</source>
        <translation>Lista copiada.</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::EnrollDialog</name>
    <message>
        <location filename="../app/ui/sync/enroll_dialog.cpp" line="+22"/>
        <source>Connect to the URS hub</source>
        <translation>Conectar ao hub da URS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect to the hub</source>
        <translation>Conectar ao hub</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>“%1” gives this installation the address of its hub and a one-time enrollment code. Type both below. The code works once; after that this computer sends its concluded reports by itself.</source>
        <extracomment>%1 is a level of the program, e.g. &quot;Coordenação do COSEMS&quot;</extracomment>
        <translation>A “%1” fornece a esta instalação o endereço do hub e um código de cadastro de uso único. Digite os dois abaixo. O código funciona uma vez; depois disso, este computador envia sozinho os relatórios concluídos.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The regional health unit (URS) gives each municipality the address of its hub and a one-time enrollment code. Type both below. The code works once; after that this computer sends its concluded reports by itself.</source>
        <translation>A Unidade Regional de Saúde (URS) passa a cada município o endereço do seu hub e um código de cadastro de uso único. Digite os dois abaixo. O código funciona uma vez; depois disso, este computador envia sozinho os relatórios concluídos.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The hub&apos;s administrator gives the central level the hub&apos;s address and a one-time central enrollment code (mobiliza-hub enroll --central). Type both below. The code works once; after that this computer receives the forwarded reports of the state and sends its decisions by itself.</source>
        <translation>O administrador do hub entrega ao nível central o endereço do hub e um código de cadastro de uso único para o nível central (mobiliza-hub enroll --central). Digite os dois abaixo. O código vale uma vez; depois disso este computador recebe sozinho os relatórios encaminhados do estado e envia as suas decisões.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The hub&apos;s administrator gives each URS the hub&apos;s address and a one-time enrollment code for the URS (mobiliza-hub enroll --urs). Type both below. The code works once; after that this computer receives the reports of the URS&apos;s municipalities and sends its decisions by itself.</source>
        <translation>O administrador do hub entrega a cada URS o endereço do hub e um código de cadastro de uso único para a URS (mobiliza-hub enroll --urs). Digite os dois abaixo. O código vale uma vez; depois disso este computador recebe sozinho os relatórios dos municípios da URS e envia as suas decisões.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Hub address</source>
        <translation>Endereço do hub</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hub &amp;address:</source>
        <translation>&amp;Endereço do hub:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enrollment code</source>
        <translation>Código de cadastro</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enrollment &amp;code:</source>
        <translation>&amp;Código de cadastro:</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Co&amp;nnect</source>
        <translation>Co&amp;nectar</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Type the hub address “%1” gave you.</source>
        <translation>Digite o endereço do hub que a “%1” forneceu.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type the hub address the URS gave you.</source>
        <translation>Digite o endereço do hub que a URS passou.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type the hub address the hub&apos;s administrator gave you.</source>
        <translation>Digite o endereço do hub que o administrador do hub informou.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This is not a web address. It looks like https://hub.urs.saude.mg.gov.br.</source>
        <translation>Isto não é um endereço da web. Ele se parece com https://hub.urs.saude.mg.gov.br.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plain http:// addresses are refused: the enrollment code, the access key and partners&apos; contacts would travel unprotected. Type the https:// address you were given, like https://hub.urs.saude.mg.gov.br.</source>
        <translation>Endereços http:// simples são recusados: o código de cadastro, a chave de acesso e os contatos dos parceiros viajariam sem proteção. Digite o endereço https:// que você recebeu, como https://hub.urs.saude.mg.gov.br.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Type the enrollment code.</source>
        <translation>Digite o código de cadastro.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The code has only letters, digits and dashes, like K7QF-2M9X-PL4D.</source>
        <translation>O código tem só letras, números e hífens, como K7QF-2M9X-PL4D.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Synchronization is not available in this session.</source>
        <translation>A sincronização não está disponível nesta sessão.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Connecting to the hub…</source>
        <translation>Conectando ao hub…</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::FieldEditor</name>
    <message>
        <location filename="../app/ui/editor/field_editors.cpp" line="+175"/>
        <source>— choose —</source>
        <translation>— escolha —</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>latitude, longitude — e.g. -19.9191, -43.9386</source>
        <translation>latitude, longitude — ex.: -19.9191, -43.9386</translation>
    </message>
    <message>
        <location filename="../app/ui/editor/list_editor.cpp" line="+42"/>
        <source>None yet.</source>
        <translation>Nenhum ainda.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add to “%1”</source>
        <translation>Adicionar em “%1”</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Remove</source>
        <translation>Remover</translation>
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
        <translation>Remover %1 %2</translation>
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
        <translation>Escolha primeiro o estado: os municípios dele aparecem aqui.</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>%1 (%2), IBGE %3</source>
        <translation>%1 (%2), IBGE %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 (%2) — not of the chosen state</source>
        <translation>%1 (%2) — não é do estado escolhido</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — not a municipality code</source>
        <translation>%1 — não é código de município</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::FindingsPanel</name>
    <message>
        <location filename="../app/ui/editor/findings_panel.cpp" line="+22"/>
        <source>Before concluding</source>
        <translation>Antes de concluir</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Problems found in the report</source>
        <translation>Problemas encontrados no relatório</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Click a line, or select it and press Enter, to go to the field.</source>
        <translation>Clique em uma linha, ou selecione-a e tecle Enter, para ir até o campo.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Blocks concluding</source>
        <translation>Impede a conclusão</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Warning: does not block concluding</source>
        <translation>Aviso: não impede a conclusão</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Nothing blocks concluding.</source>
        <translation>Nada impede a conclusão.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing blocks concluding; %1 warning(s) to review.</source>
        <translation>Nada impede a conclusão; %1 aviso(s) para revisar.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 problem(s) to fix before concluding; %2 warning(s).</source>
        <translation>%1 problema(s) a corrigir antes de concluir; %2 aviso(s).</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::InboxModel</name>
    <message>
        <location filename="../app/ui/regional/inbox_model.cpp" line="+84"/>
        <source>%1 (to be sent)</source>
        <translation>%1 (a enviar)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Refused by the hub: %1</source>
        <translation>Recusado pelo hub: %1</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Late</source>
        <translation>Atrasado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>On time</source>
        <translation>No prazo</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>First received on %1; deadline %2.</source>
        <translation>Recebido pela primeira vez em %1; prazo: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The content of this report has not arrived yet: synchronize.</source>
        <translation>O conteúdo deste relatório ainda não chegou: sincronize.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Municipality</source>
        <translation>Município</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>no actions</source>
        <translation>sem ações</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Apoiador</source>
        <translation>Apoiador(a)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Period</source>
        <comment>a quadrimestre of the apoio program</comment>
        <translation>Período</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Month</source>
        <comment>the report&apos;s competência (mm/aaaa)</comment>
        <translation>Competência</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Revision</source>
        <translation>Revisão</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Received on</source>
        <translation>Recebido em</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Situação</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deadline</source>
        <translation>Prazo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actions</source>
        <translation>Ações</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::InboxPage</name>
    <message>
        <location filename="../app/ui/regional/inbox_page.cpp" line="+65"/>
        <source>Forwarded reports</source>
        <translation>Relatórios encaminhados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The reports the URS forwarded to the central level, and every report of the state. Open one (Enter or double-click) to consolidate it or return it to its URS; decisions are kept here and sent at the next synchronization.</source>
        <translation>Os relatórios que as URS encaminharam ao nível central, e todos os relatórios do estado. Abra um (Enter ou clique duplo) para consolidá-lo ou devolvê-lo à sua URS; as decisões ficam guardadas aqui e são enviadas na próxima sincronização.</translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+12"/>
        <source>Inbox</source>
        <translation>Caixa de entrada</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>The reports of the state&apos;s apoiadores, as received. Open one (Enter or double-click) to review it; decisions are kept here and sent at the next synchronization.</source>
        <translation>Os relatórios dos apoiadores do estado, como chegaram. Abra um (Enter ou clique duplo) para analisá-lo; as decisões ficam guardadas aqui e seguem na próxima sincronização.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The reports of the URS&apos;s municipalities, as received. Open one (Enter or double-click) to review it; decisions are kept here and sent at the next synchronization.</source>
        <translation>Os relatórios dos municípios da URS, como chegaram. Abra um (Enter ou clique duplo) para analisá-lo; as decisões ficam guardadas aqui e seguem na próxima sincronização.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Month:</source>
        <translation>&amp;Competência:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Period:</source>
        <translation>&amp;Período:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mu&amp;nicipality:</source>
        <translation>Mu&amp;nicípio:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A&amp;poiador:</source>
        <translation>A&amp;poiador(a):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search by name</source>
        <translation>Buscar pelo nome</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opens the selected report (Enter or double-click also open it).</source>
        <translation>Abre o relatório selecionado (Enter ou clique duplo também abrem).</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+247"/>
        <location line="+79"/>
        <source>Accept selected</source>
        <translation>Aceitar selecionados</translation>
    </message>
    <message>
        <location line="-326"/>
        <location line="+244"/>
        <location line="+82"/>
        <source>Consolidate selected</source>
        <translation>Consolidar selecionados</translation>
    </message>
    <message>
        <location line="-323"/>
        <source>Consolidates every selected report that waits for the central level (select several with Ctrl or Shift).</source>
        <translation>Consolida todos os relatórios selecionados que aguardam o nível central (selecione vários com Ctrl ou Shift).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accepts every selected report that is waiting for a decision (select several with Ctrl or Shift).</source>
        <translation>Aceita todos os relatórios selecionados que aguardam decisão (selecione vários com Ctrl ou Shift).</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Reports received</source>
        <translation>Relatórios recebidos</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Import package…</source>
        <translation>Importar pacote…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Import batch file…</source>
        <translation>Importar arquivo de lote…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Takes in a URS&apos;s batch files (.mobiliza-lote), brought on a USB stick or sent by e-mail; they go to the hub at the next synchronization, and the receipt for the URS is written beside each file.</source>
        <translation>Recebe os arquivos de lote de uma URS (.mobiliza-lote), trazidos num pen drive ou enviados por e-mail; eles vão ao hub na próxima sincronização, e o recibo para a URS é gravado ao lado de cada arquivo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Takes in report package files (.mobiliza) an apoiador brought on a USB stick or sent by e-mail; they go to the hub at the next synchronization.</source>
        <translation>Recebe arquivos de pacote de relatório (.mobiliza) que um(a) apoiador(a) trouxe num pen drive ou enviou por e-mail; eles seguem ao hub na próxima sincronização.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Takes in report package files (.mobiliza) a municipality brought on a USB stick or sent by e-mail; they go to the hub at the next synchronization.</source>
        <translation>Recebe arquivos de pacote de relatório (.mobiliza) que um município trouxe num pen drive ou mandou por e-mail; eles vão ao hub na próxima sincronização.</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>All months</source>
        <translation>Todas as competências</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All periods</source>
        <translation>Todos os períodos</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>All</source>
        <translation>Todos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned to the URS</source>
        <translation>Devolvido à URS</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%1: %n report(s)</source>
        <translation>
            <numerusform>%1: %n relatório</numerusform>
            <numerusform>%1: %n relatórios</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The regional copy could not be read: %1</source>
        <translation>Não foi possível ler a cópia regional: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No report matches this filter. Choose &quot;All&quot; or another period.</source>
        <translation>Nenhum relatório corresponde a este filtro. Escolha &quot;Todos&quot; ou outro período.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No report received yet. The apoiadores&apos; reports arrive with the synchronization (Synchronization page) or from an imported report package.</source>
        <translation>Nenhum relatório recebido ainda. Os relatórios dos apoiadores chegam pela sincronização (página Sincronização) ou por um pacote de relatório importado.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No report received yet. The municipalities&apos; reports arrive with the synchronization (Synchronization page) or from an imported report package.</source>
        <translation>Nenhum relatório recebido ainda. Os relatórios dos municípios chegam pela sincronização (página Sincronização) ou por um pacote de relatório importado.</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>No report matches this filter. Choose &quot;All&quot; or another month.</source>
        <translation>Nenhum relatório com este filtro. Escolha &quot;Todos&quot; ou outra competência.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Consolidate selected (%1)</source>
        <translation>Consolidar selecionados (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept selected (%1)</source>
        <translation>Aceitar selecionados (%1)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 report(s) shown · %2 waiting for a decision · %3 late.</source>
        <translation>%1 relatório(s) exibido(s) · %2 aguardando decisão · %3 em atraso.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 report(s) shown · %2 waiting for the central level · %3 late · the state has %4 municipalities.</source>
        <translation>%1 relatório(s) exibido(s) · %2 aguardando o nível central · %3 atrasado(s) · o estado tem %4 municípios.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 report(s) shown · %2 waiting for a decision · %3 late · the URS has %4 municipalities.</source>
        <translation>Relatórios na lista: %1 · aguardando decisão: %2 · atrasados: %3 · a URS tem %4 municípios.</translation>
    </message>
    <message numerus="yes">
        <location line="+59"/>
        <source>Consolidate %n report(s)?</source>
        <translation>
            <numerusform>Consolidar %n relatório?</numerusform>
            <numerusform>Consolidar %n relatórios?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Accept %n report(s)?</source>
        <translation>
            <numerusform>Aceitar %n relatório?</numerusform>
            <numerusform>Aceitar %n relatórios?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n other selected report(s) cannot be consolidated now (not forwarded, already decided, or content not received yet) and stay as they are.</source>
        <translation>
            <numerusform>%n outro relatório selecionado não pode ser consolidado agora (não encaminhado, já decidido ou com conteúdo ainda não recebido) e fica como está.</numerusform>
            <numerusform>%n outros relatórios selecionados não podem ser consolidados agora (não encaminhados, já decididos ou com conteúdo ainda não recebido) e ficam como estão.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n other selected report(s) cannot be accepted now (already decided, or content not received yet) and stay as they are.</source>
        <translation>
            <numerusform>%n outro relatório selecionado não pode ser aceito agora (já decidido, ou conteúdo ainda não recebido) e fica como está.</numerusform>
            <numerusform>%n outros relatórios selecionados não podem ser aceitos agora (já decididos, ou conteúdo ainda não recebido) e ficam como estão.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept</source>
        <translation>Aceitar</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Consolidate</source>
        <translation>Consolidar</translation>
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
            <numerusform>%n relatório consolidado.</numerusform>
            <numerusform>%n relatórios consolidados.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n report(s) accepted.</source>
        <translation>
            <numerusform>%n relatório aceito.</numerusform>
            <numerusform>%n relatórios aceitos.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The decisions go to the hub at the next synchronization.</source>
        <translation>As decisões vão para o hub na próxima sincronização.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n could not be consolidated:</source>
        <translation>
            <numerusform>%n não pôde ser consolidado:</numerusform>
            <numerusform>%n não puderam ser consolidados:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n could not be accepted:</source>
        <translation>
            <numerusform>%n não pôde ser aceito:</numerusform>
            <numerusform>%n não puderam ser aceitos:</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/regional/inbox_import.cpp" line="+35"/>
        <source>Import URS batch files</source>
        <translation>Importar arquivos de lote das URS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Batch files (*.mobiliza-lote)</source>
        <translation>Arquivos de lote (*.mobiliza-lote)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import report packages</source>
        <translation>Importar pacotes de relatório</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Report packages (*.mobiliza)</source>
        <translation>Pacotes de relatório (*.mobiliza)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Checking the package files…</source>
        <translation>Conferindo os arquivos de pacote…</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Checking the batch files…</source>
        <translation>Conferindo os arquivos de lote…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cancelling: the file being checked is finished first…</source>
        <translation>Cancelando: o arquivo em conferência termina antes…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Checking %1 (%2 of %3)…</source>
        <translation>Conferindo %1 (%2 de %3)…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Import batch file</source>
        <translation>Importar arquivo de lote</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The files could not be imported: %1</source>
        <translation>Os arquivos não puderam ser importados: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+82"/>
        <source>%1: URS %2, %3, %n report(s)</source>
        <translation>
            <numerusform>%1: URS %2, %3, %n relatório</numerusform>
            <numerusform>%1: URS %2, %3, %n relatórios</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: receipt written to %2</source>
        <translation>%1: recibo gravado em %2</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n batch file(s) taken in. They go to the hub at the next synchronization; the receipt for the URS is then written beside each file (import the file again to write it if the USB stick was removed):</source>
        <translation>
            <numerusform>%n arquivo de lote recebido. Ele vai ao hub na próxima sincronização; então o recibo para a URS é gravado ao lado do arquivo (importe o arquivo de novo para gravá-lo se o pen drive tiver sido retirado):</numerusform>
            <numerusform>%n arquivos de lote recebidos. Eles vão ao hub na próxima sincronização; então o recibo para a URS é gravado ao lado de cada arquivo (importe o arquivo de novo para gravá-lo se o pen drive tiver sido retirado):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n batch file(s) already here (nothing changed):</source>
        <translation>
            <numerusform>%n arquivo de lote já estava aqui (nada mudou):</numerusform>
            <numerusform>%n arquivos de lote já estavam aqui (nada mudou):</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Receipts for the URS:</source>
        <translation>Recibos para a URS:</translation>
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
        <translation>%1: %2, %3 (revisão %4)</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>%n package(s) imported; they go to the hub at the next synchronization:</source>
        <translation>
            <numerusform>%n pacote importado; vai ao hub na próxima sincronização:</numerusform>
            <numerusform>%n pacotes importados; vão ao hub na próxima sincronização:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n package(s) already here (nothing changed):</source>
        <translation>
            <numerusform>%n pacote já estava aqui (nada mudou):</numerusform>
            <numerusform>%n pacotes já estavam aqui (nada mudou):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n file(s) refused (nothing was kept from them):</source>
        <translation>
            <numerusform>%n arquivo recusado (nada dele foi guardado):</numerusform>
            <numerusform>%n arquivos recusados (nada deles foi guardado):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Cancelled: %n file(s) were not looked at; import them again when you want.</source>
        <translation>
            <numerusform>Cancelado: %n arquivo não foi conferido; importe-o de novo quando quiser.</numerusform>
            <numerusform>Cancelado: %n arquivos não foram conferidos; importe-os de novo quando quiser.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-77"/>
        <source>Import package</source>
        <translation>Importar pacote</translation>
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
        <translation>DADOS DE DEMONSTRAÇÃO — não são relatórios reais</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Sections</source>
        <translation>Seções</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Reports</source>
        <translation>Relatórios</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Partners</source>
        <translation>Parceiros</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Synchronization</source>
        <translation>Sincronização</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Panel</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settings</source>
        <translation>Configurações</translation>
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
        <translation>Unidade Regional de Saúde de %1</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n municipalities · %1</source>
        <translation>
            <numerusform>%n município · %1</numerusform>
            <numerusform>%n municípios · %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Central level</source>
        <translation>Nível central</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SES-MG — central level</source>
        <translation>SES-MG — nível central</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Municipal Health Secretariat of %1</source>
        <translation>Secretaria Municipal de Saúde de %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URS %1 · %2</source>
        <translation>URS %1 · %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (demonstration)</source>
        <translation>%1 (demonstração)</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::MunicipalityDialog</name>
    <message>
        <location filename="../app/ui/dialogs/municipality_dialog.cpp" line="+41"/>
        <source>Welcome to Mobiliza</source>
        <translation>Bem-vindo ao Mobiliza</translation>
    </message>
    <message>
        <location line="+141"/>
        <source>&lt;b&gt;%1: of which state?&lt;/b&gt;&lt;br&gt;Type part of the state&apos;s name or its two letters. This choice is made once for this profile.</source>
        <translation>&lt;b&gt;%1: de qual estado?&lt;/b&gt;&lt;br&gt;Digite parte do nome do estado ou a sua sigla. Esta escolha é feita uma única vez para este perfil.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&lt;b&gt;%1&lt;/b&gt; sees what every level below it receives. This choice is made once for this profile.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; vê o que todos os níveis abaixo recebem. Esta escolha é feita uma única vez para este perfil.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set up: %1</source>
        <translation>Configurar: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Which municipality does this installation report for?&lt;/b&gt;&lt;br&gt;Type part of the name or the IBGE code. Accents and hyphens are not needed. This choice is made once for this profile.</source>
        <translation>&lt;b&gt;De qual município são os relatórios desta instalação?&lt;/b&gt;&lt;br&gt;Digite parte do nome ou o código IBGE. Não precisa de acentos nem hífens. Esta escolha é feita uma única vez para este perfil.</translation>
    </message>
    <message>
        <location line="-119"/>
        <location line="+122"/>
        <source>e.g. Sao Joao del Rei, Conego Marinho, 3106200</source>
        <translation>ex.: Sao Joao del Rei, Conego Marinho, 3106200</translation>
    </message>
    <message>
        <location line="-152"/>
        <source>Program</source>
        <translation>Programa</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>This installation is used by</source>
        <translation>Esta instalação é usada por</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+121"/>
        <source>Search municipality</source>
        <translation>Buscar município</translation>
    </message>
    <message>
        <location line="-118"/>
        <source>Municipalities found</source>
        <translation>Municípios encontrados</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+111"/>
        <source>Use this municipality</source>
        <translation>Usar este município</translation>
    </message>
    <message>
        <location line="-110"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>e.g. Bahia, PE</source>
        <translation>por exemplo: Bahia, PE</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search state</source>
        <translation>Buscar estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use this state</source>
        <translation>Usar este estado</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&lt;b&gt;Which regional health unit (URS) is this?&lt;/b&gt;&lt;br&gt;Type part of its name. This choice is made once for this profile.</source>
        <translation>&lt;b&gt;Qual é esta Unidade Regional de Saúde (URS)?&lt;/b&gt;&lt;br&gt;Digite parte do nome. Esta escolha é feita uma única vez para este perfil.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. Barbacena, Manhuacu</source>
        <translation>ex.: Barbacena, Manhuacu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search URS</source>
        <translation>Buscar URS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use this URS</source>
        <translation>Usar esta URS</translation>
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
            <numerusform>URS %1 — %n município</numerusform>
            <numerusform>URS %1 — %n municípios</numerusform>
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
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %n município.</numerusform>
            <numerusform>&lt;b&gt;%1&lt;/b&gt; — %n municípios.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No state matches &quot;%1&quot;. Check the spelling.</source>
        <translation>Nenhum estado corresponde a &quot;%1&quot;. Confira a grafia.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No URS matches &quot;%1&quot;. Check the spelling.</source>
        <translation>Nenhuma URS corresponde a &quot;%1&quot;. Confira a grafia.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No municipality of Minas Gerais matches &quot;%1&quot;. Check the spelling or type the 7-digit IBGE code.</source>
        <translation>Nenhum município de Minas Gerais corresponde a &quot;%1&quot;. Confira a grafia ou digite o código IBGE de 7 dígitos.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&lt;b&gt;%1&lt;/b&gt; — regional health unit (URS): %2; health region: %3.</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — Unidade Regional de Saúde (URS): %2; região de saúde: %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The URS of this municipality is being confirmed by SES-MG; it will be updated automatically with the reference table.</source>
        <translation>A URS deste município está em confirmação pela SES-MG; ela será atualizada automaticamente com a tabela de referência.</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::NoActionsPanel</name>
    <message>
        <location filename="../app/ui/editor/no_actions_panel.cpp" line="+21"/>
        <source>This month has no action yet</source>
        <translation>Este mês ainda não tem nenhuma ação</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Record each mobilization action of the month with at least one photo. Everything is saved as you type.</source>
        <translation>Registre cada ação de mobilização do mês com pelo menos uma foto. Tudo é salvo enquanto você digita.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add the first action (Ctrl+Shift+N)</source>
        <translation>Adicionar a primeira ação (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No actions this month</source>
        <translation>Sem ações no mês</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A month without actions is also reported, so the region knows it was not forgotten. Mark it and explain why.</source>
        <translation>Um mês sem ações também é informado, para que a regional saiba que ele não foi esquecido. Marque a opção e explique o motivo.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Justification *</source>
        <translation>Justificativa *</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Justification for no actions this month</source>
        <translation>Justificativa para o mês sem ações</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>%1 characters</source>
        <translation>%1 caracteres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 characters — at least %2</source>
        <translation>%1 caracteres — no mínimo %2</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::OptionalDateEdit</name>
    <message>
        <location filename="../app/ui/editor/optional_date_edit.cpp" line="+83"/>
        <source>dd/mm/yyyy</source>
        <extracomment>Placeholder of a date field: the format to type (dia/mês/ano).</extracomment>
        <translation>dd/mm/aaaa</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose on a calendar (Alt+Down)</source>
        <extracomment>Button at the end of a date field.</extracomment>
        <translation>Escolher no calendário (Alt+Seta para baixo)</translation>
    </message>
    <message>
        <location line="+138"/>
        <source>&quot;%1&quot; is not a date: type day, month and year as dd/mm/yyyy, for example 14/10/2026.</source>
        <extracomment>A date field holds something that is not a date (%1: what it holds).</extracomment>
        <translation>&quot;%1&quot; não é uma data: digite dia, mês e ano como dd/mm/aaaa, por exemplo 14/10/2026.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Type the date as dd/mm/yyyy (the slashes come by themselves; the day alone takes the report&apos;s month) or choose it on the calendar (Alt+Down). Delete empties it.</source>
        <extracomment>Tooltip of a date field.</extracomment>
        <translation>Digite a data como dd/mm/aaaa (as barras entram sozinhas; só o dia completa com o mês do relatório) ou escolha no calendário (Alt+Seta para baixo). Delete apaga a data.</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PanelDashboard</name>
    <message>
        <location filename="../app/ui/panel/panel_dashboard.cpp" line="+62"/>
        <source>The panel could not be computed: %1</source>
        <translation>Não foi possível calcular o painel: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the state&apos;s municipalities</source>
        <translation>dos municípios do estado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the municipalities of URS %1</source>
        <translation>dos municípios da URS %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Panel</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actions, people reached and coverage of %1, from this computer&apos;s copy: it works offline.</source>
        <translation>Ações, pessoas alcançadas e cobertura %1, a partir da cópia deste computador: funciona sem internet.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;From:</source>
        <translation>&amp;De:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;To:</source>
        <translation>&amp;Até:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Municipality:</source>
        <translation>&amp;Município:</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>T&amp;heme:</source>
        <translation>T&amp;ema:</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Tar&amp;gets…</source>
        <translation>Me&amp;tas…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The coverage and action targets every level measures against: edit and publish</source>
        <translation>As metas de cobertura e de ações com que todos os níveis se medem: editar e publicar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The coverage and action targets the central level published</source>
        <translation>As metas de cobertura e de ações que o nível central publicou</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormato:</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>actions</source>
        <translation>ações</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>people reached</source>
        <translation>pessoas alcançadas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>municipalities reported the last month</source>
        <translation>municípios enviaram o último mês</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>of the reports sent on time</source>
        <translation>dos relatórios enviados no prazo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>active núcleos (an action in the last 3 months)</source>
        <translation>núcleos ativos (uma ação nos últimos 3 meses)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Actions in the period</source>
        <translation>Ações no período</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Months reported</source>
        <translation>Meses com relatório enviado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Colour the map by:</source>
        <translation>&amp;Colorir o mapa por:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Each dot is a municipality&apos;s seat. Click one to see only it.</source>
        <translation>Cada ponto é a sede de um município. Clique em um para ver só ele.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Export data (CSV)…</source>
        <translation>Exportar dados (CSV)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One row per municipality and month of the selection, for Excel: whether it reported, actions and people reached. No partner&apos;s personal data.</source>
        <translation>Uma linha por município e mês da seleção, para o Excel: se enviou o relatório, ações e pessoas alcançadas. Nenhum dado pessoal de parceiros.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export data (XLSX)…</source>
        <translation>Exportar dados (XLSX)…</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Municipalities by actions</source>
        <translation>Municípios por número de ações</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Every theme</source>
        <translation>Todos os temas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every format</source>
        <translation>Todos os formatos</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Every municipality (%1)</source>
        <translation>Todos os municípios (%1)</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>Include reports not yet accepted</source>
        <translation>Incluir relatórios ainda não aceitos</translation>
    </message>
    <message>
        <location line="-198"/>
        <source>&amp;Area:</source>
        <translation>Á&amp;rea:</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>&lt;b&gt;Municipalities&lt;/b&gt; — most actions first. Double-click a name to see only it, its actions to list them.</source>
        <translation>&lt;b&gt;Municípios&lt;/b&gt; — com mais ações primeiro. Clique duas vezes num nome para ver só ele, nas ações dele para listá-las.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Balanço mensal (PDF)…</source>
        <translation>Balanço mensal (PDF)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The figures and charts shown, the tables behind them and the active and new núcleos per URS, as a PDF to print or send.</source>
        <translation>Os números e gráficos mostrados, as tabelas por trás deles e os núcleos ativos e novos por URS, em PDF para imprimir ou enviar.</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>The whole state</source>
        <translation>Todo o estado</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The whole URS</source>
        <translation>Toda a URS</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Also count the actions of reports received or in review. Returned reports never count.</source>
        <translation>Conta também as ações dos relatórios recebidos ou em análise. Relatórios devolvidos nunca contam.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear filters</source>
        <translation>Limpar filtros</translation>
    </message>
    <message>
        <location filename="../app/ui/panel/panel_dashboard_export.cpp" line="+56"/>
        <source>Save the Balanço mensal (PDF)</source>
        <translation>Salvar o Balanço mensal (PDF)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PDF document (*.pdf)</source>
        <translation>Documento PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Balanço saved</source>
        <translation>Balanço salvo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Balanço mensal was written to %1.</source>
        <translation>O Balanço mensal foi gravado em %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Balanço not saved</source>
        <translation>Balanço não salvo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Balanço mensal could not be written: %1</source>
        <translation>Não foi possível gravar o Balanço mensal: %1</translation>
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
        <translation>Atualizando os números…</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Actions of reports received, in review, accepted, forwarded to the central level or consolidated</source>
        <translation>Ações dos relatórios recebidos, em análise, aceitos, encaminhados ao nível central ou consolidados</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actions of reports accepted, forwarded to the central level or consolidated (those not yet accepted are left out)</source>
        <translation>Ações dos relatórios aceitos, encaminhados ao nível central ou consolidados (os ainda não aceitos ficam de fora)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1, %2 to %3%4. Changes (▲▼) against %5 to %6. Coverage counts every report sent, whatever its review.</source>
        <translation>%1, de %2 a %3%4. Variações (▲▼) em relação a %5 a %6. A cobertura conta todo relatório enviado, qualquer que seja a análise.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Actions by format</source>
        <translation>Ações por formato</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actions by target audience</source>
        <translation>Ações por público-alvo</translation>
    </message>
    <message>
        <location filename="../app/ui/panel/panel_dashboard_lists.cpp" line="+18"/>
        <source>Actions</source>
        <translation>Ações</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actions and people reached</source>
        <translation>Ações e pessoas alcançadas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reports sent</source>
        <translation>Relatórios enviados</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Active núcleos</source>
        <translation>Núcleos ativos</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Actions of %1</source>
        <translation>Ações de %1</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PanelListDialog</name>
    <message>
        <location filename="../app/ui/panel/panel_list_dialog.cpp" line="+74"/>
        <source>Municipality</source>
        <translation>Município</translation>
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
        <translation>Mês</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>Ação</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Themes</source>
        <translation>Temas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People reached</source>
        <translation>Pessoas alcançadas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review</source>
        <translation>Análise</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report</source>
        <translation>Envio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent on</source>
        <translation>Enviado em</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Action %1</source>
        <translation>Ação %1</translation>
    </message>
    <message>
        <location line="+113"/>
        <source>Actions</source>
        <translation>Ações</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reports</source>
        <translation>Relatórios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actions of the last 3 months</source>
        <translation>Ações dos últimos 3 meses</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Municipalities without actions</source>
        <translation>Municípios sem ação</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%Ln report(s)</source>
        <translation>
            <numerusform>%Ln relatório</numerusform>
            <numerusform>%Ln relatórios</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln municipality(ies) without any counted action in the last 3 months</source>
        <translation>
            <numerusform>%Ln município sem nenhuma ação contada nos últimos 3 meses</numerusform>
            <numerusform>%Ln municípios sem nenhuma ação contada nos últimos 3 meses</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%Ln action(s)</source>
        <translation>
            <numerusform>%Ln ação</numerusform>
            <numerusform>%Ln ações</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Close</source>
        <translation>Fechar</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Counting…</source>
        <translation>Contando…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>These rows for Excel. No partner&apos;s personal data.</source>
        <translation>Estas linhas, para o Excel. Sem dados pessoais de parceiros.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Double-click a row to open its report.</source>
        <translation>Clique duas vezes numa linha para abrir o relatório.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>The list could not be read: %1</source>
        <translation>Não foi possível ler a lista: %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Export the list (CSV)</source>
        <translation>Exportar a lista (CSV)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV para o Excel (*.csv)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>List not exported</source>
        <translation>Lista não exportada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The list could not be written: %1 Choose another folder and try again.</source>
        <translation>Não foi possível gravar a lista: %1 Escolha outra pasta e tente de novo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>List exported</source>
        <translation>Lista exportada</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The list was written to %1.</source>
        <translation>A lista foi gravada em %1.</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PanelPage</name>
    <message>
        <location filename="../app/ui/pages/panel_page.cpp" line="+62"/>
        <source>The panel could not be computed: %1</source>
        <translation>Não foi possível calcular o painel: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Panel</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actions, people reached and months sent of %1, from the reports on this computer: it works offline.</source>
        <translation>Ações, pessoas alcançadas e meses enviados de %1, a partir dos relatórios deste computador: funciona sem internet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this municipality</source>
        <translation>este município</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Every theme</source>
        <translation>Todos os temas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every format</source>
        <translation>Todos os formatos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Include reports not yet accepted by the URS (drafts too)</source>
        <translation>Incluir relatórios ainda não aceitos pela URS (e rascunhos)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unticked, only the reports the URS accepted count — what the URS and the state see.</source>
        <translation>Desmarcado, só contam os relatórios que a URS aceitou — o que a URS e o estado veem.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;From:</source>
        <translation>&amp;De:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;To:</source>
        <translation>&amp;Até:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>T&amp;heme:</source>
        <translation>T&amp;ema:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormato:</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>actions</source>
        <translation>ações</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>people reached</source>
        <translation>pessoas alcançadas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>months of the period sent to the URS</source>
        <translation>meses do período enviados à URS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>of the reports sent on time</source>
        <translation>dos relatórios enviados no prazo</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Report</source>
        <translation>Relatório</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sent to the URS</source>
        <translation>Envio à URS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>People reached</source>
        <translation>Pessoas alcançadas</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The months of the period</source>
        <translation>Os meses do período</translation>
    </message>
    <message>
        <location line="+319"/>
        <source>Not started: double-click to start this month&apos;s report.</source>
        <translation>Não iniciado: clique duas vezes para começar o relatório deste mês.</translation>
    </message>
    <message>
        <location line="-299"/>
        <source>Export data (CSV)…</source>
        <translation>Exportar dados (CSV)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One row per month of the selection, for Excel: whether it reached the URS, actions and people reached. No partner&apos;s personal data.</source>
        <translation>Uma linha por mês da seleção, para o Excel: se chegou à URS, ações e pessoas alcançadas. Nenhum dado pessoal de parceiros.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export data (XLSX)…</source>
        <translation>Exportar dados (XLSX)…</translation>
    </message>
    <message>
        <location line="+177"/>
        <source>Updating the figures…</source>
        <translation>Atualizando os números…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>%1, %2 to %3%4. Changes (▲▼) against %5 to %6.</source>
        <translation>%1, de %2 a %3%4. Variações (▲▼) em relação a %5 a %6.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every action recorded, drafts and reports not yet accepted included</source>
        <translation>Todas as ações registradas, inclusive rascunhos e relatórios ainda não aceitos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actions of the reports the URS accepted (as the URS and the state count them)</source>
        <translation>Ações dos relatórios aceitos pela URS (como a URS e o estado as contam)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Actions by format</source>
        <translation>Ações por formato</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actions by target audience</source>
        <translation>Ações por público-alvo</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Not sent — due %1, late</source>
        <translation>Não enviado — prazo %1, atrasado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not sent yet — due %1</source>
        <translation>Ainda não enviado — prazo %1</translation>
    </message>
    <message>
        <location line="-303"/>
        <source>Month</source>
        <translation>Mês</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Actions</source>
        <translation>Ações</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Double-click a month (or press Enter) to open its report, or to start it.</source>
        <translation>Clique duas vezes num mês (ou tecle Enter) para abrir o relatório dele, ou para começá-lo.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&lt;b&gt;Month by month&lt;/b&gt; — newest first. Double-click a month to open its report (or to start one not started yet).</source>
        <translation>&lt;b&gt;Mês a mês&lt;/b&gt; — o mais recente primeiro. Clique duas vezes num mês para abrir o relatório dele (ou para começar um ainda não iniciado).</translation>
    </message>
    <message>
        <location line="+179"/>
        <source>This profile has no municipality yet: close Mobiliza and open it again to choose it.</source>
        <translation>Este perfil ainda não tem município: feche o Mobiliza e abra-o de novo para escolhê-lo.</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>not started</source>
        <translation>não iniciado</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PanelRankingModel</name>
    <message>
        <location filename="../app/ui/panel/panel_ranking_model.cpp" line="+61"/>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Municipality</source>
        <translation>Município</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actions</source>
        <translation>Ações</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>People reached</source>
        <translation>Pessoas alcançadas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Months reported</source>
        <translation>Meses enviados</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PanelTile</name>
    <message>
        <location filename="../app/ui/panel/panel_tiles.cpp" line="+22"/>
        <source>Click to see the list</source>
        <translation>Clique para ver a lista</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Target for the period: %1 — %2 % reached</source>
        <translation>Meta do período: %1 — %2 % atingido</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Target for the period: %1</source>
        <translation>Meta do período: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The yearly action target set by the central level, in proportion to the months shown.</source>
        <translation>A meta anual de ações definida pelo nível central, na proporção dos meses mostrados.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Compared with the previous period of the same length.</source>
        <translation>Comparado com o período anterior de mesma duração.</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+29"/>
        <source>%1 against the previous period</source>
        <translation>%1 em relação ao período anterior</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>%1 (%2 %) against the previous period</source>
        <translation>%1 (%2 %) em relação ao período anterior</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>nothing to compare with</source>
        <translation>sem período anterior para comparar</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 p.p. against the previous period</source>
        <translation>%1 p.p. em relação ao período anterior</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+10"/>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 against %2</source>
        <translation>%1 em relação a %2</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PartnerEditorDialog</name>
    <message>
        <location filename="../app/ui/partners/partner_editor_dialog.cpp" line="+58"/>
        <source>New partner</source>
        <translation>Novo parceiro</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Partner: %1</source>
        <translation>Parceiro: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Error</source>
        <translation>Erro</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Kind</source>
        <translation>T&amp;ipo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Governmental (public body)</source>
        <translation>&amp;Governamental (órgão público)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Formally constituted</source>
        <translation>&amp;Formalmente constituído</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not informed</source>
        <translation>Não informado</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sec&amp;tor</source>
        <translation>Se&amp;tor</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name (required)</source>
        <translation>&amp;Nome (obrigatório)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Collect only what is needed: the document, phones and e-mail are optional.</source>
        <translation>Colete apenas o necessário: documento, telefones e e-mail são opcionais.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Identification</source>
        <translation>Identificação</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Contact person</source>
        <translation>Pessoa de &amp;contato</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Role</source>
        <translation>Ca&amp;rgo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Add another phone</source>
        <translation>&amp;Adicionar outro telefone</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>P&amp;hone</source>
        <translation>Tele&amp;fone</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>name@provider.com.br</source>
        <translation>nome@provedor.com.br</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A&amp;ddress</source>
        <translation>En&amp;dereço</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>CE&amp;P</source>
        <translation>CE&amp;P</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Municipality</source>
        <translation>Município</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Municipality</source>
        <translation>&amp;Município</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contact</source>
        <translation>Contato</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>S&amp;tage</source>
        <translation>Es&amp;tágio</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stage history</source>
        <translation>Histórico de estágios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>Histórico</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mapped → sensitized → active partnership → inactive. A change of stage is recorded with today&apos;s date when you save.</source>
        <translation>Mapeado → sensibilizado → parceria ativa → inativo. A mudança de estágio é registrada com a data de hoje quando você salvar.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stage</source>
        <translation>Estágio</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>LGPD (Lei 13.709/2018): record whether the partner agreed to receive campaigns and digital pieces, when, how and for what. Consent can be revoked at any time.</source>
        <translation>LGPD (Lei 13.709/2018): registre se o parceiro concordou em receber campanhas e peças digitais, quando, por qual meio e para qual finalidade. O consentimento pode ser revogado a qualquer momento.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The partner &amp;agreed to receive communications</source>
        <translation>O parceiro &amp;autorizou o envio de comunicações</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/aaaa</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Date</source>
        <translation>&amp;Data</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>In person</source>
        <translation>Presencial</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Paper form</source>
        <translation>Formulário em papel</translation>
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
        <translation>Ligação telefônica</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hannel</source>
        <translation>Ca&amp;nal</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receive campaigns and digital pieces of the health secretariat</source>
        <translation>Receber campanhas e peças digitais da secretaria de saúde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P&amp;urpose</source>
        <translation>&amp;Finalidade</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status</source>
        <translation>Situação</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Revoke consent</source>
        <translation>&amp;Revogar consentimento</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Consent (LGPD)</source>
        <translation>Consentimento (LGPD)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+3"/>
        <source>Actions the partner took part in</source>
        <translation>Ações de que o parceiro participou</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>N&amp;otes</source>
        <translation>&amp;Observações</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Actions and notes</source>
        <translation>Ações e observações</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Save</source>
        <translation>&amp;Salvar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>Actions appear here once the partner is linked to them in a report.</source>
        <translation>As ações aparecem aqui depois que o parceiro for vinculado a elas em um relatório.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No action linked to this partner yet. Link partners to actions in the report editor.</source>
        <translation>Nenhuma ação vinculada a este parceiro ainda. Vincule parceiros às ações no editor do relatório.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Phone %1</source>
        <translation>Telefone %1</translation>
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
        <translation>CPF ou CNP&amp;J</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>when there is one</source>
        <translation>quando houver</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CPF or CNPJ</source>
        <translation>CPF ou CNPJ</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 — %2 (recorded when you save)</source>
        <translation>%1 — %2 (registrado ao salvar)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Consent revoked on %1. Do not send communications to this partner.</source>
        <translation>Consentimento revogado em %1. Não envie comunicações a este parceiro.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Consent in force since %1.</source>
        <translation>Consentimento em vigor desde %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No consent recorded: do not send campaigns or digital pieces to this partner.</source>
        <translation>Nenhum consentimento registrado: não envie campanhas nem peças digitais a este parceiro.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Type the partner&apos;s name: it is the only required field.</source>
        <translation>Digite o nome do parceiro: é o único campo obrigatório.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>“%1” is not a valid e-mail address. Type it as name@provider.com.br, or leave the field empty.</source>
        <translation>“%1” não é um endereço de e-mail válido. Digite no formato nome@provedor.com.br ou deixe o campo vazio.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>“%1” is not a municipality of the reference table. Type part of the name and choose it from the list.</source>
        <translation>“%1” não é um município da tabela de referência. Digite parte do nome e escolha-o na lista.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Type the date the partner gave consent (dd/mm/yyyy).</source>
        <translation>Digite a data em que o parceiro deu o consentimento (dd/mm/aaaa).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The consent date %1 is in the future. Type the day the partner agreed.</source>
        <translation>A data do consentimento, %1, está no futuro. Digite o dia em que o parceiro concordou.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The partner was not saved: correct the fields marked in red and save again.</source>
        <translation>O parceiro não foi salvo: corrija os campos marcados em vermelho e salve novamente.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The partner was not saved: %1 What you typed is still here; try again.</source>
        <translation>O parceiro não foi salvo: %1 O que você digitou continua aqui; tente novamente.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Discard changes?</source>
        <translation>Descartar alterações?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What you typed about this partner has not been saved. Close and discard it?</source>
        <translation>O que você digitou sobre este parceiro não foi salvo. Fechar e descartar?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard</source>
        <translation>Descartar</translation>
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
        <translation>Sim</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>Não</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Consent revoked on %1</source>
        <translation>Consentimento revogado em %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sector</source>
        <translation>Setor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage</source>
        <translation>Estágio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Municipality</source>
        <translation>Município</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Telefone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent</source>
        <translation>Consentimento</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PartnersEditor</name>
    <message>
        <location filename="../app/ui/editor/field_editors.cpp" line="+67"/>
        <source>No partner in the register yet. Add them in Partners (Ctrl+2); they will appear here to be linked to the action.</source>
        <translation>Ainda não há parceiros no cadastro. Cadastre-os em Parceiros (Ctrl+2); eles aparecerão aqui para serem vinculados à ação.</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PartnersPage</name>
    <message>
        <location filename="../app/ui/pages/partners_page.cpp" line="+43"/>
        <source>Health partners</source>
        <translation>Parceiros da Saúde</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People, organizations and groups that work with the health secretariat on mobilization: mapped, sensitized, active or inactive.</source>
        <translation>Pessoas, instituições e grupos que atuam com a secretaria de saúde na mobilização: mapeados, sensibilizados, com parceria ativa ou inativos.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Search by name, contact, sector or municipality</source>
        <translation>Buscar por nome, contato, setor ou município</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search partners</source>
        <translation>Buscar parceiros</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Filter by kind</source>
        <translation>Filtrar por tipo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All kinds</source>
        <translation>Todos os tipos</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Filter by sector</source>
        <translation>Filtrar por setor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All sectors</source>
        <translation>Todos os setores</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Filter by stage</source>
        <translation>Filtrar por estágio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All stages</source>
        <translation>Todos os estágios</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Filter by municipality</source>
        <translation>Filtrar por município</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All municipalities</source>
        <translation>Todos os municípios</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Partners</source>
        <translation>Parceiros</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;New partner</source>
        <translation>&amp;Novo parceiro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Register a new partner (Ctrl+N)</source>
        <translation>Cadastrar um novo parceiro (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the selected partner (Enter)</source>
        <translation>Abrir o parceiro selecionado (Enter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport person&apos;s data…</source>
        <translation>E&amp;xportar dados da pessoa…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save everything held about the selected partner to a file (LGPD right of access)</source>
        <translation>Salvar em um arquivo tudo o que está registrado sobre o parceiro selecionado (direito de acesso da LGPD)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erase data (&amp;LGPD)…</source>
        <translation>Excluir dados (&amp;LGPD)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erase the selected partner and everything held about them (Delete)</source>
        <translation>Excluir o parceiro selecionado e tudo o que está registrado sobre ele (Delete)</translation>
    </message>
    <message>
        <location line="+97"/>
        <source>No partner yet</source>
        <translation>Nenhum parceiro ainda</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n partner(s)</source>
        <translation>
            <numerusform>%n parceiro</numerusform>
            <numerusform>%n parceiros</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2 partners</source>
        <translation>%1 de %2 parceiros</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Partner not opened</source>
        <translation>Parceiro não aberto</translation>
    </message>
    <message>
        <location line="+21"/>
        <location line="+30"/>
        <source>Export not made</source>
        <translation>Exportação não realizada</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Export the data of “%1”</source>
        <translation>Exportar os dados de “%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON file (*.json)</source>
        <translation>Arquivo JSON (*.json)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The file %1 could not be written (%2). Choose another folder, such as Documents, and try again.</source>
        <translation>Não foi possível gravar o arquivo %1 (%2). Escolha outra pasta, como Documentos, e tente novamente.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Data exported</source>
        <translation>Dados exportados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything held about “%1” was saved to %2 (to read or print) and %3 (for other programs). The files hold personal data: hand them only to the person, and delete other copies.</source>
        <translation>Tudo o que se guarda sobre “%1” foi salvo em %2 (para ler ou imprimir) e em %3 (para outros programas). Os arquivos têm dados pessoais: entregue-os só à pessoa e apague outras cópias.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Erase everything held about “%1”: identification, documents, contacts, consent and stage history? This cannot be undone.</source>
        <translation>Excluir tudo o que está registrado sobre “%1”: identificação, documentos, contatos, consentimento e histórico de estágios? Isso não pode ser desfeito.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The partner will also be removed from the actions it took part in (links: %1); the actions themselves stay.</source>
        <translation>O parceiro também será retirado das ações de que participou (vínculos: %1); as ações continuam registradas.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>If the person asked for a copy, export the data first.</source>
        <translation>Se a pessoa pediu uma cópia, exporte os dados antes.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Erase partner data (LGPD)</source>
        <translation>Excluir dados do parceiro (LGPD)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Erase data</source>
        <translation>Excluir dados</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Data erased, except in one backup copy</source>
        <translation>Dados apagados, exceto numa cópia de segurança</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Data not erased</source>
        <translation>Dados não excluídos</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PartnersRegionModel</name>
    <message>
        <location filename="../app/ui/regional/partners_region_model.cpp" line="+37"/>
        <source>No</source>
        <translation>Não</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes (%1)</source>
        <translation>Sim (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes</source>
        <translation>Sim</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1 — CNPJ %2</source>
        <translation>%1 — CNPJ %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Municipality</source>
        <translation>Município</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sector</source>
        <translation>Setor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stage</source>
        <translation>Estágio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consent</source>
        <translation>Consentimento</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>Atualizado em</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PartnersRegionPage</name>
    <message>
        <location filename="../app/ui/regional/partners_region_page.cpp" line="+49"/>
        <location line="+61"/>
        <source>Partners of the region</source>
        <translation>Parceiros da região</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>The partners of the URS&apos;s municipalities, as each municipality registers them. Read only, and without personal contacts (LGPD): they come with each synchronization.</source>
        <translation>Os parceiros dos municípios da URS, como cada município os cadastra. Somente leitura e sem contatos pessoais (LGPD): chegam a cada sincronização.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Search by name, municipality, sector or CNPJ</source>
        <translation>Buscar por nome, município, setor ou CNPJ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search the partners of the region</source>
        <translation>Buscar os parceiros da região</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Filter by municipality</source>
        <translation>Filtrar por município</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All municipalities</source>
        <translation>Todos os municípios</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Filter by kind</source>
        <translation>Filtrar por tipo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All kinds</source>
        <translation>Todos os tipos</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Filter by sector</source>
        <translation>Filtrar por setor</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All sectors</source>
        <translation>Todos os setores</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Filter by stage</source>
        <translation>Filtrar por estágio</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All stages</source>
        <translation>Todos os estágios</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Spreadsheets of the list as filtered, for Excel, with the municipality and without personal contacts.</source>
        <translation>Planilhas da lista como está filtrada, para o Excel, com o município e sem contatos pessoais.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export CSV…</source>
        <translation>Exportar CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A CSV file for Excel (pt-BR) of the partners shown</source>
        <translation>Um arquivo CSV para o Excel (pt-BR) com os parceiros mostrados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export XLSX…</source>
        <translation>Exportar XLSX…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An Excel workbook of the partners shown</source>
        <translation>Uma planilha do Excel com os parceiros mostrados</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>The partners could not be read: %1</source>
        <translation>Não foi possível ler os parceiros: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+38"/>
        <source>%1 (of %n in the region)</source>
        <translation>
            <numerusform>%1 (de %n na região)</numerusform>
            <numerusform>%1 (de %n na região)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No partners have arrived yet. Synchronize to receive the partners of the municipalities (Synchronization page); each municipality&apos;s register comes without personal contacts.</source>
        <translation>Nenhum parceiro chegou ainda. Sincronize para receber os parceiros dos municípios (página Sincronização); o cadastro de cada município chega sem contatos pessoais.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No partner matches these filters. Clear the search or choose “All” in the lists.</source>
        <translation>Nenhum parceiro atende a esses filtros. Limpe a busca ou escolha “Todos” nas listas.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Export the partners of the region (XLSX)</source>
        <translation>Exportar os parceiros da região (XLSX)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the partners of the region (CSV)</source>
        <translation>Exportar os parceiros da região (CSV)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Planilha do Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV para Excel (*.csv)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The file was not written: %1 Choose another folder, such as Documents, and try again.</source>
        <translation>O arquivo não foi gravado: %1 Escolha outra pasta, como Documentos, e tente de novo.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n partner(s) saved to %1.</source>
        <translation>
            <numerusform>%n parceiro salvo em %1.</numerusform>
            <numerusform>%n parceiros salvos em %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PdfPreviewDialog</name>
    <message>
        <location filename="../app/ui/pages/pdf_preview_dialog.cpp" line="+20"/>
        <source>Drawing the pages…</source>
        <translation>Desenhando as páginas…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Save the PDF…</source>
        <translation>Salvar o PDF…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save this report as the official PDF, to read or print.</source>
        <translation>Salva este relatório como o PDF oficial, para ler ou imprimir.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The pages could not be drawn: %1</source>
        <translation>Não foi possível desenhar as páginas: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Page %1 of %2</source>
        <translation>Página %1 de %2</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n page(s), exactly as in the official PDF the URS receives.</source>
        <translation>
            <numerusform>%n página, exatamente como no PDF oficial que a URS recebe.</numerusform>
            <numerusform>%n páginas, exatamente como no PDF oficial que a URS recebe.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PhotoCanvas</name>
    <message>
        <location filename="../app/ui/regional/photo_viewer.cpp" line="+99"/>
        <source>Photo</source>
        <translation>Foto</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PhotoCard</name>
    <message>
        <location filename="../app/ui/editor/photo_card.cpp" line="+86"/>
        <source>Loading…</source>
        <translation>Carregando…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Move the photo earlier (Alt+Left)</source>
        <translation>Mover a foto para antes (Alt+Seta para a esquerda)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the photo later (Alt+Right)</source>
        <translation>Mover a foto para depois (Alt+Seta para a direita)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the photo from the action (Ctrl+Z undoes)</source>
        <translation>Remover a foto da ação (Ctrl+Z desfaz)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>What the photo shows</source>
        <translation>O que a foto mostra</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Caption</source>
        <translation>Legenda</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Caption *</source>
        <translation>Legenda *</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date of the photo</source>
        <translation>Data da foto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who took it</source>
        <translation>Quem fotografou</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author of the photo</source>
        <translation>Autor da foto</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Author</source>
        <translation>Autor</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Identifiable people?</source>
        <translation>Pessoas identificáveis?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark when someone can be recognised in the photo (LGPD).</source>
        <translation>Marque quando alguém puder ser reconhecido na foto (LGPD).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Image-use authorization on file?</source>
        <translation>Autorização de uso de imagem arquivada?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark when the signed image-use authorization is filed (a guardian&apos;s for children).</source>
        <translation>Marque quando a autorização de uso de imagem assinada estiver arquivada (a do responsável, no caso de crianças).</translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+1"/>
        <location line="+48"/>
        <source>Photo %1</source>
        <translation>Foto %1</translation>
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
        <translation>Nota da URS sobre a foto %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Photo %1 · URS note</source>
        <translation>Foto %1 · nota da URS</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Preview unavailable</source>
        <translation>Pré-visualização indisponível</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PhotoStrip</name>
    <message>
        <location filename="../app/ui/editor/photo_strip.cpp" line="+49"/>
        <source>Photos of the action</source>
        <translation>Fotos da ação</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Add photos…</source>
        <translation>Adicionar fotos…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose one or more photos (Ctrl+Shift+F), or drag the files here.</source>
        <translation>Escolha uma ou mais fotos (Ctrl+Shift+F) ou arraste os arquivos para cá.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>or drag the files here</source>
        <translation>ou arraste os arquivos para cá</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop importing; the photos already imported stay in the action.</source>
        <translation>Interrompe a importação; as fotos já importadas continuam na ação.</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Photos (%1)</source>
        <translation>Fotos (%1)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No photo yet. Every action needs at least one photo as proof: click “Add photos…” or drag the files here.</source>
        <translation>Ainda não há fotos. Toda ação precisa de pelo menos uma foto como comprovação: clique em “Adicionar fotos…” ou arraste os arquivos para cá.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No photo.</source>
        <translation>Nenhuma foto.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Importing photos: %1 of %2</source>
        <translation>Importando fotos: %1 de %2</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::PhotoViewer</name>
    <message>
        <location filename="../app/ui/regional/photo_viewer.cpp" line="+141"/>
        <source>Previous</source>
        <translation>Anterior</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous photo (←)</source>
        <translation>Foto anterior (←)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Next</source>
        <translation>Próxima</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next photo (→)</source>
        <translation>Próxima foto (→)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Zoom out (−)</source>
        <translation>Diminuir o zoom (−)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out</source>
        <translation>Diminuir o zoom</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Zoom in (+ or the mouse wheel)</source>
        <translation>Aumentar o zoom (+ ou a roda do mouse)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom in</source>
        <translation>Aumentar o zoom</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fit</source>
        <translation>Ajustar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the whole photo (0)</source>
        <translation>Mostrar a foto inteira (0)</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>No photo</source>
        <translation>Sem fotos</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This report has no photos.</source>
        <translation>Este relatório não tem fotos.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Photo %1 of %2</source>
        <translation>Foto %1 de %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Photo %1 (no caption)</source>
        <translation>Foto %1 (sem legenda)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photo %1 — %2</source>
        <translation>Foto %1 — %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action %1</source>
        <translation>Ação %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Author: %1</source>
        <translation>Autoria: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identifiable people: %1 · Image-use authorization on file: %2</source>
        <translation>Pessoas identificáveis: %1 · Autorização de uso de imagem arquivada: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Identifiable people and no image-use authorization on file: the municipality should file the authorization or replace the photo.</source>
        <translation>Pessoas identificáveis e nenhuma autorização de uso de imagem arquivada: o município deve arquivar a autorização ou substituir a foto.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Photo not received yet — synchronize</source>
        <translation>Foto ainda não recebida — sincronize</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>This photo could not be read (%1). Synchronize again; if it repeats, ask the municipality to send the report again.</source>
        <translation>Não foi possível ler esta foto (%1). Sincronize de novo; se continuar, peça ao município que envie o relatório outra vez.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loading the photo…</source>
        <translation>Carregando a foto…</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::ProgramPanelPage</name>
    <message>
        <location filename="../app/ui/panel/program_panel_page.cpp" line="+71"/>
        <source>Panel</source>
        <translation>Painel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The apoio actions of every COSEMS, from this computer&apos;s copy: it works offline. Choose a state to see only its actions and its map.</source>
        <translation>As ações de apoio de todos os COSEMS, pela cópia deste computador: funciona sem internet. Escolha um estado para ver só as ações e o mapa dele.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The apoio actions of the apoiadores of %1, from this computer&apos;s copy: it works offline.</source>
        <translation>As ações de apoio dos apoiadores do estado (%1), pela cópia deste computador: funciona sem internet.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Also count the reports not reviewed yet</source>
        <translation>Contar também os relatórios ainda não revisados</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Without this, only the reports the coordination accepted count. A returned report never counts.</source>
        <translation>Sem isso, contam só os relatórios aceitos pela coordenação. Um relatório devolvido nunca conta.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;From:</source>
        <translation>&amp;De:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;To:</source>
        <translation>&amp;Até:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every state</source>
        <translation>Todos os estados</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;State:</source>
        <translation>&amp;Estado:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export data (CSV)…</source>
        <translation>Exportar dados (CSV)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export data (XLSX)…</source>
        <translation>Exportar dados (XLSX)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every figure of the panel as a row, with the program&apos;s labels beside the codes, and each municipality supported. No one&apos;s personal data.</source>
        <translation>Cada número do painel em uma linha, com os rótulos do programa ao lado dos códigos, e cada município apoiado. Sem dados pessoais de ninguém.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>apoio actions</source>
        <translation>ações de apoio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>participants</source>
        <translation>participantes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>municipalities supported</source>
        <translation>municípios apoiados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>apoiadores with actions counted</source>
        <translation>apoiadores com ações contadas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>follow-ups late</source>
        <translation>encaminhamentos atrasados</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Fi&amp;gures</source>
        <translation>&amp;Números</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Te&amp;xts</source>
        <translation>Te&amp;xtos</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Brazil</source>
        <translation>Brasil</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Counting…</source>
        <translation>Contando…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The panel could not be computed: %1</source>
        <translation>Não foi possível calcular o painel: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+86"/>
        <source>Not said</source>
        <translation>Não informado</translation>
    </message>
    <message numerus="yes">
        <location line="-68"/>
        <source>%n report(s) of the period have not arrived whole yet: the figures may grow at the next synchronization.</source>
        <translation>
            <numerusform>%n relatório do período ainda não chegou por inteiro: os números podem crescer na próxima sincronização.</numerusform>
            <numerusform>%n relatórios do período ainda não chegaram por inteiro: os números podem crescer na próxima sincronização.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 to %2</source>
        <translation>%1 a %2</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1, %2: %3. Changes against the %n quadrimestre(s) before.</source>
        <translation>
            <numerusform>%1, %2: %3. Variação em relação ao quadrimestre anterior.</numerusform>
            <numerusform>%1, %2: %3. Variação em relação aos %n quadrimestres anteriores.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reports accepted and those still to review</source>
        <translation>relatórios aceitos e os ainda por revisar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reports accepted by the coordination</source>
        <translation>relatórios aceitos pela coordenação</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Apoio actions per quadrimestre</source>
        <translation>Ações de apoio por quadrimestre</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Follow-ups (encaminhamentos)</source>
        <translation>Encaminhamentos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open, within the date</source>
        <translation>Em aberto, no prazo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>Feitos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Late</source>
        <translation>Atrasados</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Actions by %1</source>
        <translation>Ações por %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 against the reference</source>
        <translation>%1 em relação à referência</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Participants by role (%1 in all)</source>
        <translation>Participantes por perfil (%1 no total)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not broken down</source>
        <translation>Sem discriminação</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Actions by state</source>
        <translation>Ações por estado</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Municipalities supported — %1: %2 of %3</source>
        <translation>Municípios apoiados — %1: %2 de %3</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Export the panel&apos;s data</source>
        <translation>Exportar os dados do painel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Pasta de trabalho do Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV file (*.csv)</source>
        <translation>Arquivo CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Data exported</source>
        <translation>Dados exportados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The panel&apos;s data was written to %1.</source>
        <translation>Os dados do painel foram gravados em %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data not exported</source>
        <translation>Dados não exportados</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The panel&apos;s data could not be written: %1</source>
        <translation>Não foi possível gravar os dados do painel: %1</translation>
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
        <translation>Salvando…</translation>
    </message>
    <message>
        <location line="+119"/>
        <source>Add an action</source>
        <translation>Adicionar uma ação</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove %1 from the report?</source>
        <translation>Remover %1 do relatório?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove %1 and its %2 photo(s) from the report?</source>
        <translation>Remover %1 e suas %2 foto(s) do relatório?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the action</source>
        <translation>Remover a ação</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+48"/>
        <source>Ctrl+Z brings it back.</source>
        <translation>Ctrl+Z a traz de volta.</translation>
    </message>
    <message>
        <location line="-48"/>
        <location line="+48"/>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Photo %1</source>
        <translation>Foto %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove %1 from the action?</source>
        <translation>Remover a %1 da ação?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove %1 (&quot;%2&quot;) from the action?</source>
        <translation>Remover a %1 (&quot;%2&quot;) da ação?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the photo</source>
        <translation>Remover a foto</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Add photos to %1 %2</source>
        <translation>Adicionar fotos — %1 %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Add an action first; the photos go into the action shown.</source>
        <translation>Adicione uma ação primeiro; as fotos entram na ação que está aberta.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Photos are still being imported. Wait until they finish, or cancel, then add more.</source>
        <translation>Ainda há fotos sendo importadas. Aguarde terminar, ou cancele, e depois adicione mais.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Import cancelled: %1 of %2 photo(s) added.</source>
        <translation>Importação cancelada: %1 de %2 foto(s) adicionada(s).</translation>
    </message>
    <message>
        <location filename="../app/ui/editor/report_editor_lifecycle.cpp" line="+55"/>
        <source>Report</source>
        <translation>Relatório</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Report of %1</source>
        <translation>Relatório de %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Report of the %1</source>
        <extracomment>A quadrimestre&apos;s report: &quot;Relatório do 3º quadrimestre de 2026&quot;.</extracomment>
        <translation>Relatório do %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 · revision %2 · due %3</source>
        <translation>%1 · revisão %2 · prazo %3</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> — late</source>
        <translation> — atrasado</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Fix the problems listed under “Before concluding” first (Ctrl+Enter).</source>
        <translation>Corrija primeiro os problemas listados em “Antes de concluir” (Ctrl+Enter).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lock the month into a revision and put it in the outbox (Ctrl+Enter).</source>
        <translation>Fecha o mês em uma revisão e a coloca na fila de envio (Ctrl+Enter).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Correcting revision %1. The URS returned the report with this comment: “%2”</source>
        <translation>Corrigindo a revisão %1. A URS devolveu o relatório com este comentário: “%2”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Correcting revision %1. %2 returned the report with this comment: “%3”</source>
        <extracomment>%2 is who reviews, as the program names it: &quot;Coordenação do COSEMS&quot;.</extracomment>
        <translation>Corrigindo a revisão %1. A %2 devolveu o relatório com este comentário: “%3”</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Report concluded — revision %1, in the outbox waiting to be sent. It can no longer be edited; to change something, reopen it before it is sent.</source>
        <translation>Relatório concluído — revisão %1, na fila de envio. Ele não pode mais ser editado; para alterar algo, reabra-o antes que seja enviado.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reopen for editing</source>
        <translation>Reabrir para edição</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Report concluded — revision %1 is being sent to the URS.</source>
        <translation>Relatório concluído — a revisão %1 está sendo enviada à URS.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report concluded — revision %1 is being sent to %2.</source>
        <translation>Relatório concluído — a revisão %1 está sendo enviada à %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The URS returned revision %1 for correction. Reviewer&apos;s comment: “%2”</source>
        <translation>A URS devolveu a revisão %1 para correção. Comentário de quem revisou: “%2”</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+3"/>
        <source>(no comment)</source>
        <translation>(sem comentário)</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>%1 returned revision %2 for correction. Reviewer&apos;s comment: “%3”</source>
        <translation>A %1 devolveu a revisão %2 para correção. Comentário de quem analisou: “%3”</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Correct it (revision %1)</source>
        <translation>Corrigir (revisão %1)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Report sent — revision %1: %2. It can no longer be edited.</source>
        <translation>Relatório enviado — revisão %1: %2. Ele não pode mais ser editado.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Wait until the photos finish importing, then conclude.</source>
        <translation>Aguarde o fim da importação das fotos e depois conclua.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The report cannot be concluded yet: fix the problems listed under “Before concluding”.</source>
        <translation>O relatório ainda não pode ser concluído: corrija os problemas listados em “Antes de concluir”.</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+13"/>
        <source>Conclude the report</source>
        <translation>Concluir o relatório</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Nothing changed since revision %1, which the URS returned with this comment: “%2”

Conclude it anyway? The URS will see that nothing changed.</source>
        <translation>Nada mudou desde a revisão %1, que a URS devolveu com este comentário: “%2”

Concluir assim mesmo? A URS verá que nada mudou.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing changed since revision %1, which %2 returned with this comment: “%3”

Conclude it anyway? %2 will see that nothing changed.</source>
        <translation>Nada mudou desde a revisão %1, que a %2 devolveu com este comentário: “%3”

Concluir assim mesmo? A %2 verá que nada mudou.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Conclude anyway</source>
        <translation>Concluir assim mesmo</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Conclude the report of %1 as revision %2?

It will be locked and put in the outbox to be sent to the URS. Until it is sent, you can still reopen it for editing.</source>
        <translation>Concluir o relatório de %1 como revisão %2?

Ele será bloqueado e colocado na fila de envio para a URS. Enquanto não for enviado, você ainda pode reabri-lo para edição.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Conclude the report of %1 as revision %2?

It will be locked and put in the outbox to be sent to %3. Until it is sent, you can still reopen it for editing.</source>
        <translation>Concluir o relatório de %1 como revisão %2?

Ele será travado e colocado na fila de envio para a %3. Até ser enviado, você ainda pode reabri-lo para edição.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../app/ui/editor/report_editor_page.cpp" line="+253"/>
        <source>Conclude</source>
        <translation>Concluir</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The report was not concluded</source>
        <translation>O relatório não foi concluído</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Reopen the report of %1 for editing?

It leaves the outbox and goes back to draft. Conclude it again when you are done.</source>
        <translation>Reabrir o relatório de %1 para edição?

Ele sai da fila de envio e volta a ser rascunho. Conclua-o novamente quando terminar.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reopen</source>
        <translation>Reabrir</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Correct the report of %1?

Revision %2 is started from the returned one. Conclude it again when you are done.</source>
        <translation>Corrigir o relatório de %1?

A revisão %2 é iniciada a partir da que foi devolvida. Conclua-o novamente quando terminar.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Correct</source>
        <translation>Corrigir</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit the report again</source>
        <translation>Editar o relatório novamente</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The report was not reopened</source>
        <translation>O relatório não foi reaberto</translation>
    </message>
    <message>
        <location filename="../app/ui/editor/report_editor_page.cpp" line="-166"/>
        <source>Undo: %1 (Ctrl+Z)</source>
        <translation>Desfazer: %1 (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redo: %1 (Ctrl+Shift+Z)</source>
        <translation>Refazer: %1 (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>See the pages</source>
        <translation>Ver as páginas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The pages of the official PDF, as the URS will see them.</source>
        <translation>As páginas do PDF oficial, como a URS vai vê-las.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Go to the photos of this action (Ctrl+Shift+F adds photos)</source>
        <translation>Ir para as fotos desta ação (Ctrl+Shift+F adiciona fotos)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No report is open. Choose a month in Reports, or create the report of the current month there.</source>
        <translation>Nenhum relatório está aberto. Escolha um mês em Relatórios ou crie lá o relatório do mês atual.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>← Reports</source>
        <translation>← Relatórios</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back to the list of monthly reports (everything is saved)</source>
        <translation>Voltar à lista de relatórios mensais (tudo já está salvo)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Undo</source>
        <translation>Desfazer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Undo (Ctrl+Z)</source>
        <translation>Desfazer (Ctrl+Z)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redo</source>
        <translation>Refazer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Redo (Ctrl+Shift+Z)</source>
        <translation>Refazer (Ctrl+Shift+Z)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>PDF and files</source>
        <translation>PDF e arquivos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This report&apos;s official PDF (to read or print), its actions as CSV or XLSX, or a package for a USB stick.</source>
        <translation>O PDF oficial deste relatório (para ler ou imprimir), as ações em CSV ou XLSX, ou um pacote para pen drive.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Actions of the report</source>
        <translation>Ações do relatório</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New action</source>
        <translation>Nova ação</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add an action (Ctrl+Shift+N)</source>
        <translation>Adicionar uma ação (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move the action up (Alt+Up)</source>
        <translation>Mover a ação para cima (Alt+Seta para cima)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move the action down (Alt+Down)</source>
        <translation>Mover a ação para baixo (Alt+Seta para baixo)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the action (Delete)</source>
        <translation>Remover a ação (Delete)</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>Everything is saved</source>
        <translation>Tudo salvo</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Photos: none yet</source>
        <translation>Fotos: nenhuma ainda</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Photos (%1)</source>
        <translation>Fotos (%1)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Saved at %1</source>
        <translation>Salvo às %1</translation>
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
        <translation>Notas da %1:</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Photo %1: %2</source>
        <translation>Foto %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A photo removed since: %1</source>
        <translation>Uma foto já removida: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1 noted on this action:</source>
        <translation>Notas da %1 sobre esta ação:</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::ReportListModel</name>
    <message>
        <location filename="../app/ui/models/report_list_model.cpp" line="+27"/>
        <source>%1 %2</source>
        <extracomment>Month title, e.g. &quot;November 2026&quot;; %1 is the month name, %2 the year.</extracomment>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Draft</source>
        <translation>Rascunho</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ready — in the outbox</source>
        <translation>Pronto — na fila de envio</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending…</source>
        <translation>Enviando…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sent — received by the URS</source>
        <translation>Enviado — recebido pela URS</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sent — received by %1</source>
        <translation>Enviado — recebido pela %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accepted by the URS</source>
        <translation>Aceito pela URS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted by %1</source>
        <translation>Aceito pela %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned for correction</source>
        <translation>Devolvido para correção</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted — forwarded to the central level</source>
        <translation>Aceito — encaminhado ao nível central</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted — consolidated</source>
        <translation>Aceito — consolidado</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>%1: “%2”</source>
        <translation>%1: “%2”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draft — correcting revision %1</source>
        <translation>Rascunho — corrigindo a revisão %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none (justified)</source>
        <translation>nenhuma (justificado)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 — late</source>
        <translation>%1 — atrasado</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reviewer&apos;s comment: %1</source>
        <translation>Comentário de quem revisou: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The deadline has passed and the report has not reached the URS yet: it is sent as soon as there is a connection (Synchronization page).</source>
        <translation>O prazo passou e o relatório ainda não chegou à URS: ele é enviado assim que houver conexão (página Sincronização).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The deadline has passed and the report has not reached %1 yet: it is sent as soon as there is a connection (Synchronization page).</source>
        <translation>O prazo passou e o relatório ainda não chegou à %1: ele é enviado assim que houver conexão (página Sincronização).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The deadline has passed. Late reports are still accepted: conclude it as soon as you can.</source>
        <translation>O prazo já passou. Relatórios atrasados continuam sendo aceitos: conclua-o assim que puder.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Enter or double-click opens the report</source>
        <translation>Enter ou clique duplo abre o relatório</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Report of %1, %2</source>
        <translation>Relatório de %1, %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Report of the %1, %2</source>
        <translation>Relatório do %1, %2</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Month</source>
        <translation>Mês</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Quadrimestre</source>
        <translation>Quadrimestre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Situação</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revision</source>
        <translation>Revisão</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actions</source>
        <translation>Ações</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photos</source>
        <translation>Fotos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline</source>
        <translation>Prazo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last change</source>
        <translation>Última alteração</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::ReportOutputs</name>
    <message>
        <location filename="../app/ui/pages/report_outputs.cpp" line="+27"/>
        <source>Official PDF…</source>
        <translation>PDF oficial…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the actions (CSV)…</source>
        <translation>Exportar as ações (CSV)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export the actions (XLSX, Excel)…</source>
        <translation>Exportar as ações (XLSX, Excel)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save a package for a USB stick…</source>
        <translation>Salvar pacote para pen drive…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>See the pages (as the URS will see them)</source>
        <translation>Ver as páginas (como a URS verá)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The pages of the official PDF, drawn here without saving a file.</source>
        <translation>As páginas do PDF oficial, desenhadas aqui, sem gravar arquivo.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The report as the URS files it: save it, then open it to read or print.</source>
        <translation>O relatório como a URS o arquiva: salve-o e depois abra-o para ler ou imprimir.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One row per action, for a spreadsheet, Power BI or any program that reads CSV.</source>
        <translation>Uma linha por ação, para planilha, Power BI ou qualquer programa que leia CSV.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One row per action, as an Excel workbook.</source>
        <translation>Uma linha por ação, como pasta de trabalho do Excel.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>See the pages</source>
        <translation>Ver as páginas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The report could not be read: %1</source>
        <translation>Não foi possível ler o relatório: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 — as the URS will see it</source>
        <translation>%1 — como a URS verá</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The concluded report with its photos in one file, for the URS when there is no internet: it is checked there as if it had been sent.</source>
        <translation>O relatório concluído, com as fotos, num só arquivo, para a URS quando não há internet: lá ele é conferido como se tivesse sido enviado.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Conclude the report first: a package carries a concluded report.</source>
        <translation>Conclua o relatório antes: um pacote leva um relatório concluído.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Official PDF of %1</source>
        <translation>PDF oficial de %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Actions of %1</source>
        <translation>Ações de %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Package of %1</source>
        <translation>Pacote de %1</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>PDF document (*.pdf)</source>
        <translation>Documento PDF (*.pdf)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CSV for spreadsheets (*.csv)</source>
        <translation>CSV para planilhas (*.csv)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Pasta de trabalho do Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Report package (*.mobiliza)</source>
        <translation>Pacote de relatório (*.mobiliza)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The file was not written: %1</source>
        <translation>O arquivo não foi gravado: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Writing the package with its photos…</source>
        <translation>Gravando o pacote com as fotos…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Writing the file…</source>
        <translation>Gravando o arquivo…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The file was not written: %1 Choose another folder, such as Documents, and try again.</source>
        <translation>O arquivo não foi gravado: %1 Escolha outra pasta, como Documentos, e tente de novo.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The package was saved to %1. Take this file to the URS (a USB stick will do): it is checked there as if it had been sent over the internet.</source>
        <translation>O pacote foi salvo em %1. Leve este arquivo à URS (num pen drive, por exemplo): lá ele é conferido como se tivesse sido enviado pela internet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The package was saved to %1. Take this file to %2 (a USB stick will do): it is checked there as if it had been sent over the internet.</source>
        <translation>O pacote foi salvo em %1. Leve este arquivo à %2 (um pen drive serve): lá ele é conferido como se tivesse sido enviado pela internet.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The official PDF was saved to %1. Open it now to read or print?</source>
        <translation>O PDF oficial foi salvo em %1. Abrir agora para ler ou imprimir?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The actions were saved to %1. Open the file now?</source>
        <translation>As ações foram salvas em %1. Abrir o arquivo agora?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Abrir</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::ReportView</name>
    <message>
        <location filename="../app/ui/regional/report_view.cpp" line="+49"/>
        <source>Inbox</source>
        <translation>Caixa de entrada</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Forwarded</source>
        <translation>Encaminhados</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back to the list (Esc)</source>
        <translation>Voltar à lista (Esc)</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+348"/>
        <source>Accept</source>
        <translation>Aceitar</translation>
    </message>
    <message>
        <location line="-348"/>
        <location line="+348"/>
        <source>Consolidate</source>
        <translation>Consolidar</translation>
    </message>
    <message>
        <location line="-345"/>
        <source>Return for correction…</source>
        <translation>Devolver para correção…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Return to the URS…</source>
        <translation>Devolver à URS…</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>What the program&apos;s rules say about this report</source>
        <translation>O que as regras do programa dizem deste relatório</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Click a line, or select it and press Enter, to go to what it points at.</source>
        <translation>Clique numa linha, ou selecione-a e tecle Enter, para ir ao ponto indicado.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The report as sent</source>
        <translation>O relatório como foi enviado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report</source>
        <translation>Relatório</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The report&apos;s history: every state change, decision and comment</source>
        <translation>O histórico do relatório: cada mudança de situação, decisão e comentário</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>Histórico</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>The apoiador sent revision %1 of this report: it is the one shown now.</source>
        <translation>O(a) apoiador(a) enviou a revisão %1 deste relatório: é ela que aparece agora.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The municipality sent revision %1 of this report: it is the one shown now.</source>
        <translation>O município enviou a revisão %1 deste relatório: é ela que está à vista agora.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Apoiador</source>
        <translation>Apoiador(a)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Period</source>
        <translation>Período</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Municipality</source>
        <translation>Município</translation>
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
        <translation>Competência</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Revision</source>
        <translation>Revisão</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received on</source>
        <translation>Recebido em</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Via</source>
        <translation>Via</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deadline</source>
        <translation>Prazo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — first sent late, on %2</source>
        <translation>%1 — enviado com atraso, em %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 — sent on time</source>
        <translation>%1 — enviado no prazo</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Returned before with</source>
        <translation>Devolvido antes com</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned by the central level</source>
        <translation>Devolvido pelo nível central</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The content of this report has not arrived yet. Synchronize (Synchronization page) and it appears here.</source>
        <translation>O conteúdo deste relatório ainda não chegou. Sincronize (página Sincronização) e ele aparece aqui.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The program&apos;s rules run once the content has arrived.</source>
        <translation>As regras do programa são verificadas quando o conteúdo chegar.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This report could not be read: %1</source>
        <translation>Não foi possível ler este relatório: %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>This installation does not know the report&apos;s program (%1): its rules were not checked.</source>
        <translation>Esta instalação não conhece o programa do relatório (%1): as regras não foram verificadas.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>✓ The program&apos;s rules find nothing to point out in this report.</source>
        <translation>✓ As regras do programa não apontam nada neste relatório.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The program&apos;s rules: %n warning(s) to look at.</source>
        <translation>
            <numerusform>Regras do programa: %n aviso para conferir.</numerusform>
            <numerusform>Regras do programa: %n avisos para conferir.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The program&apos;s rules: %n problem(s) that would block concluding, %1 warning(s). The report may have been made with older rules.</source>
        <translation>
            <numerusform>Regras do programa: %n problema que impediria concluir, %1 aviso(s). O relatório pode ter sido feito com regras anteriores.</numerusform>
            <numerusform>Regras do programa: %n problemas que impediriam concluir, %1 aviso(s). O relatório pode ter sido feito com regras anteriores.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The history could not be read: %1</source>
        <translation>Não foi possível ler o histórico: %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source> · late</source>
        <translation> · atrasado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revision %1 · received on %2 · %3</source>
        <translation>Revisão %1 · recebido em %2 · %3</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The content has not arrived yet: synchronize first.</source>
        <translation>O conteúdo ainda não chegou: sincronize primeiro.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A decision on this revision waits to be sent.</source>
        <translation>Uma decisão sobre esta revisão aguarda envio.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This revision is &quot;%1&quot;: no decision to make here.</source>
        <translation>Esta revisão está &quot;%1&quot;: não há decisão a tomar aqui.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Consolidate this revision into the Painel; it goes to the hub at the next synchronization.</source>
        <translation>Consolida esta revisão no Painel; a decisão vai para o hub na próxima sincronização.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Return it to its URS with what to look at again.</source>
        <translation>Devolve à sua URS, dizendo o que rever.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept this revision; it goes to the hub at the next synchronization.</source>
        <translation>Aceitar esta revisão; a decisão segue para o hub na próxima sincronização.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Return it to the apoiador with what to correct.</source>
        <translation>Devolver ao(à) apoiador(a) dizendo o que corrigir.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Return it to the municipality with what to correct.</source>
        <translation>Devolver ao município dizendo o que corrigir.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Accept the report</source>
        <translation>Aceitar o relatório</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Consolidate the report</source>
        <translation>Consolidar o relatório</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consolidate the report of %1, %2 (revision %3)?</source>
        <translation>Consolidar o relatório de %1, %2 (revisão %3)?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept the report of %1, %2 (revision %3)?</source>
        <translation>Aceitar o relatório de %1, %2 (revisão %3)?</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Central level: %1</source>
        <translation>Nível central: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The decision was not recorded: %1</source>
        <translation>A decisão não foi registrada: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Consolidated. The decision goes to the hub at the next synchronization.</source>
        <translation>Consolidado. A decisão vai para o hub na próxima sincronização.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned to the URS. The decision and your comment go to the hub at the next synchronization.</source>
        <translation>Devolvido à URS. A decisão e o seu comentário vão para o hub na próxima sincronização.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Accepted. The decision goes to the hub at the next synchronization.</source>
        <translation>Aceito. A decisão segue para o hub na próxima sincronização.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Returned for correction. The decision and your comment go to the hub at the next synchronization.</source>
        <translation>Devolvido para correção. A decisão e o seu comentário seguem para o hub na próxima sincronização.</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::ReportsPage</name>
    <message>
        <location filename="../app/ui/pages/reports_page.cpp" line="+34"/>
        <source>Four-month reports</source>
        <translation>Relatórios quadrimestrais</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One report per quadrimestre (January–April, May–August, September–December): record each action as it happens and conclude the report for review. Concluded reports wait in the outbox until they can be sent.</source>
        <translation>Um relatório por quadrimestre (janeiro–abril, maio–agosto, setembro–dezembro): registre cada ação quando ela acontece e conclua o relatório para a análise. Os relatórios concluídos aguardam na caixa de saída até poderem ser enviados.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+71"/>
        <source>Monthly reports</source>
        <translation>Relatórios mensais</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>One report per month. A month without actions is also reported, with a justification. Concluded reports wait in the outbox until they can be sent.</source>
        <translation>Um relatório por mês. Um mês sem ações também é informado, com justificativa. Os relatórios concluídos aguardam na fila de envio até poderem ser enviados.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Another month…</source>
        <translation>Outro mês…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Another quadrimestre…</source>
        <translation>Outro quadrimestre…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create the report of an earlier quadrimestre (up to two years back): a late report is still accepted, marked late.</source>
        <translation>Crie o relatório de um quadrimestre anterior (até dois anos atrás): um relatório atrasado ainda é aceito, marcado como atrasado.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create the report of an earlier month (up to two years back): a late month is still accepted, marked late.</source>
        <translation>Criar o relatório de um mês anterior (até dois anos atrás): um mês atrasado ainda é aceito, marcado como atrasado.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+150"/>
        <source>Open the report</source>
        <translation>Abrir o relatório</translation>
    </message>
    <message>
        <location line="-148"/>
        <source>Opens the month selected in the list (Enter or double-click also open it).</source>
        <translation>Abre o mês selecionado na lista (Enter ou clique duplo também abrem).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PDF and files</source>
        <translation>PDF e arquivos</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The selected report&apos;s official PDF, its actions as CSV or XLSX, or a package for a USB stick (also by right-clicking the report).</source>
        <translation>O PDF oficial do relatório selecionado, as ações em CSV ou XLSX, ou um pacote para pen drive (também com o botão direito sobre o relatório).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Import package…</source>
        <translation>Importar pacote…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Brings in report packages (.mobiliza) of this municipality, saved on another computer or on a USB stick. Each file is checked before anything is kept.</source>
        <translation>Traz pacotes de relatório (.mobiliza) deste município, salvos em outro computador ou num pen drive. Cada arquivo é conferido antes de qualquer coisa ser guardada.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import report packages</source>
        <translation>Importar pacotes de relatório</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Report packages (*.mobiliza)</source>
        <translation>Pacotes de relatório (*.mobiliza)</translation>
    </message>
    <message>
        <location line="+76"/>
        <location line="+7"/>
        <source>Create the report of the %1</source>
        <translation>Criar o relatório do %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The reports could not be read: %1</source>
        <translation>Não foi possível ler os relatórios: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No report yet. Start with the current quadrimestre: every action you record is saved at once, even without internet.</source>
        <translation>Nenhum relatório ainda. Comece pelo quadrimestre atual: cada ação registrada é salva na hora, mesmo sem internet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No report yet. Start with the current month: every action you record is saved at once, even without internet.</source>
        <translation>Ainda não há relatórios. Comece pelo mês atual: cada ação registrada é salva na hora, mesmo sem internet.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1 — deadline %2, late</source>
        <extracomment>A month that can still be created (%1: &quot;Outubro de 2026&quot;, %2: its deadline dd/mm/aaaa).</extracomment>
        <translation>%1 — prazo %2, atrasado</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 — deadline %2</source>
        <translation>%1 — prazo %2</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Due %1%2.</source>
        <translation>Prazo: %1%2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, already late — it can still be sent</source>
        <translation>, já atrasado — ainda pode ser enviado</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+8"/>
        <source>Start the report of %1</source>
        <translation>Começar o relatório de %1</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>%1 has no report on this computer yet. Start it now? It opens in the editor and nothing is sent until you conclude it. %2</source>
        <translation>%1 ainda não tem relatório neste computador. Começar agora? Ele abre no editor e nada é enviado até você concluí-lo. %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Start the report</source>
        <translation>Começar o relatório</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+40"/>
        <source>Import package</source>
        <translation>Importar pacote</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>Checking the package files…</source>
        <translation>Conferindo os arquivos de pacote…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancelling: the file being checked is finished first…</source>
        <translation>Cancelando: o arquivo em conferência termina antes…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Checking %1 (%2 of %3)…</source>
        <translation>Conferindo %1 (%2 de %3)…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The files could not be imported: %1</source>
        <translation>Os arquivos não puderam ser importados: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2, revision %3</source>
        <translation>%1: %2, revisão %3</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n report(s) imported:</source>
        <translation>
            <numerusform>%n relatório importado:</numerusform>
            <numerusform>%n relatórios importados:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n report(s) already here (nothing changed):</source>
        <translation>
            <numerusform>%n relatório já estava aqui (nada mudou):</numerusform>
            <numerusform>%n relatórios já estavam aqui (nada mudou):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n file(s) refused (nothing was kept from them):</source>
        <translation>
            <numerusform>%n arquivo recusado (nada foi guardado dele):</numerusform>
            <numerusform>%n arquivos recusados (nada foi guardado deles):</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n file(s) not looked at (cancelled).</source>
        <translation>
            <numerusform>%n arquivo não conferido (cancelado).</numerusform>
            <numerusform>%n arquivos não conferidos (cancelado).</numerusform>
        </translation>
    </message>
    <message>
        <location line="-221"/>
        <location line="+7"/>
        <source>Create the report of %1</source>
        <translation>Criar o relatório de %1</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::ReturnDialog</name>
    <message>
        <location filename="../app/ui/regional/return_dialog.cpp" line="+26"/>
        <location line="+69"/>
        <source>Return for correction</source>
        <translation>Devolver para correção</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>Return to the URS</source>
        <translation>Devolver à URS</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>What must the URS look at again? (required; the URS reads this, and decides whether the municipality must correct it)</source>
        <translation>O que a URS deve rever? (obrigatório; a URS lê este texto e decide se o município deve corrigir)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What must the apoiador correct? (required; the apoiador reads this)</source>
        <translation>O que o(a) apoiador(a) precisa corrigir? (obrigatório; o(a) apoiador(a) lê este texto)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What must the municipality correct? (required; the municipality reads this)</source>
        <translation>O que o município deve corrigir? (obrigatório; o município lê este texto)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>e.g. The photos of action 2 do not show the action; send others.</source>
        <translation>ex.: As fotos da ação 2 não mostram a ação; envie outras.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Notes on an action or a photo (optional):</source>
        <translation>Notas sobre uma ação ou uma foto (opcional):</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What the note is about</source>
        <translation>Sobre o que é a nota</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The whole report</source>
        <translation>O relatório inteiro</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Action %1</source>
        <translation>Ação %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Action %1, Photo %2</source>
        <translation>Ação %1, Foto %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>e.g. illegible</source>
        <translation>ex.: ilegível</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add note</source>
        <translation>Adicionar nota</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Remove the selected note</source>
        <translation>Remover a nota selecionada</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>Write the comment first: a report is returned only with one.</source>
        <translation>Escreva o comentário primeiro: um relatório só é devolvido com comentário.</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::SettingsPage</name>
    <message>
        <location filename="../app/ui/pages/settings_page.cpp" line="+32"/>
        <source>Settings</source>
        <translation>Configurações</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>This installation, its profile and its data.</source>
        <translation>Esta instalação, seu perfil e seus dados.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Profile</source>
        <translation>Perfil</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Municipality:</source>
        <translation>Município:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regional health unit (URS):</source>
        <translation>Unidade Regional de Saúde (URS):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Health region / macro-region:</source>
        <translation>Região de saúde / macrorregião:</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Program:</source>
        <translation>Programa:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level:</source>
        <translation>Nível:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State:</source>
        <translation>Estado:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Data folder:</source>
        <translation>Pasta de dados:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Installation:</source>
        <translation>Instalação:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference table:</source>
        <translation>Tabela de referência:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Interface language:</source>
        <translation>Idioma da interface:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Privacy (LGPD)</source>
        <translation>Privacidade (LGPD)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mobiliza records the actions of “%1”, their photos and texts, to report them to %2 (purpose). The controller is the organization that uses this installation. Photos of identifiable people are personal data, and so are names written in the texts: record whether image-use authorization is on file, write only what the report needs, and correct or erase personal data on request. Data stays on this computer until it is sent to %2. Questions: the data protection officer of your organization.</source>
        <translation>O Mobiliza registra as ações de “%1”, suas fotos e textos, para relatá-las à %2 (finalidade). O controlador é a organização que usa esta instalação. Fotos de pessoas identificáveis são dados pessoais, assim como nomes escritos nos textos: registre se a autorização de uso de imagem está arquivada, escreva só o que o relatório precisa e corrija ou apague dados pessoais quando pedido. Os dados ficam neste computador até serem enviados à %2. Dúvidas: o encarregado de proteção de dados da sua organização.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Mobiliza records the municipality&apos;s mobilization actions, their proof photos and the partners register, to report them to the regional health unit and to SES-MG (purpose). The controller is the municipal health secretariat that uses this installation. Photos of identifiable people and partners&apos; contacts are personal data: record whether image-use authorization is on file, collect only the contacts you need, and erase a partner&apos;s data on request. Data stays on this computer until it is sent to the URS; what is sent for the panel carries no partner CPF, phone or e-mail. Questions: the data protection officer of your secretariat.</source>
        <translation>O Mobiliza registra as ações de mobilização do município, suas fotos de comprovação e o cadastro de parceiros, para informá-los à Unidade Regional de Saúde e à SES-MG (finalidade). O controlador é a secretaria municipal de saúde que usa esta instalação. Fotos de pessoas identificáveis e contatos de parceiros são dados pessoais: registre se a autorização de uso de imagem está arquivada, colete apenas os contatos necessários e apague os dados de um parceiro quando ele pedir. Os dados ficam neste computador até serem enviados à URS; o que vai para o painel não leva CPF, telefone nem e-mail de parceiros. Dúvidas: o encarregado de proteção de dados da sua secretaria.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Saved. The new language is used the next time Mobiliza starts.</source>
        <translation>Salvo. O novo idioma será usado na próxima vez que o Mobiliza for aberto.</translation>
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
        <translation>%1 (em confirmação pela SES-MG)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>version %1, published on %2</source>
        <translation>versão %1, publicada em %2</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::SyncPage</name>
    <message>
        <location filename="../app/ui/pages/sync_page.cpp" line="+49"/>
        <source>Synchronization</source>
        <translation>Sincronização</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The reports of each %1 come down from the hub, and the review decisions made here go up, whenever there is a connection. Nothing is lost while offline.</source>
        <translation>Os relatórios de cada %1 descem do hub, e as decisões de análise tomadas aqui sobem, sempre que houver conexão. Nada se perde sem internet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The municipalities&apos; reports come down from the hub, and the review decisions made here go up, whenever there is a connection. Nothing is lost while offline.</source>
        <translation>Os relatórios dos municípios descem do hub, e as decisões de análise tomadas aqui sobem, sempre que houver conexão. Nada se perde sem internet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Concluded reports are kept on this computer and sent to “%1” when there is a connection. Nothing is lost while offline.</source>
        <translation>Os relatórios concluídos ficam guardados neste computador e são enviados à “%1” quando houver conexão. Nada se perde sem internet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Concluded reports are kept on this computer and sent to the regional health unit when there is a connection. Nothing is lost while offline.</source>
        <translation>Os relatórios concluídos ficam guardados neste computador e são enviados à Unidade Regional de Saúde quando houver conexão. Nada se perde enquanto estiver sem internet.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>&lt;b&gt;The key that lets this computer send reports is kept in a file&lt;/b&gt; of your user account (this computer has no password vault for it). Lock the computer when you leave it; if someone else may have copied the key, ask “%1” to cancel it and connect again.</source>
        <translation>&lt;b&gt;A chave que permite a este computador enviar relatórios está guardada num arquivo&lt;/b&gt; da sua conta de usuário (este computador não tem um cofre de senhas para ela). Bloqueie o computador ao se afastar; se alguém puder ter copiado a chave, peça à “%1” que a cancele e conecte de novo.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;b&gt;The key that lets this computer send reports is kept in a file&lt;/b&gt; of your user account (this computer has no password vault for it). Lock the computer when you leave it; if someone else may have copied the key, ask whoever runs the hub to cancel it and connect again.</source>
        <translation>&lt;b&gt;A chave que permite a este computador enviar relatórios está guardada num arquivo&lt;/b&gt; da sua conta de usuário (este computador não tem um cofre de senhas para ela). Bloqueie o computador ao se afastar; se alguém puder ter copiado a chave, peça a quem administra o hub que a cancele e conecte de novo.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>&amp;Sync now</source>
        <translation>&amp;Sincronizar agora</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the connection and send what is waiting, now</source>
        <translation>Verificar a conexão e enviar agora o que está aguardando</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+237"/>
        <source>&amp;Connect to the URS hub…</source>
        <translation>&amp;Conectar ao hub da URS…</translation>
    </message>
    <message>
        <location line="-224"/>
        <source>Sending progress</source>
        <translation>Progresso do envio</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>&amp;Try again</source>
        <translation>&amp;Tentar de novo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send this report at the next synchronization, without waiting</source>
        <translation>Enviar este relatório na próxima sincronização, sem esperar</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../app/ui/pages/sync_page_items.cpp" line="+175"/>
        <location line="+48"/>
        <source>&amp;Hold</source>
        <translation>&amp;Reter</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Synchronization is not available in this session.</source>
        <translation>A sincronização não está disponível nesta sessão.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>The hub asked to wait: Mobiliza sends again by itself at %1.</source>
        <translation>O hub pediu para esperar: o Mobiliza envia de novo sozinho às %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The hub asked to wait: Mobiliza sends again by itself on %1 at %2.</source>
        <translation>O hub pediu para esperar: o Mobiliza envia de novo sozinho em %1 às %2.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&lt;b&gt;Synchronization is not available in this session.&lt;/b&gt; Review decisions stay safely on this computer.</source>
        <translation>&lt;b&gt;A sincronização não está disponível nesta sessão.&lt;/b&gt; As decisões de análise ficam guardadas com segurança neste computador.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Synchronization is not available in this session.&lt;/b&gt; Reports stay safely in the outbox below.</source>
        <translation>&lt;b&gt;A sincronização não está disponível nesta sessão.&lt;/b&gt; Os relatórios ficam guardados na caixa de saída abaixo.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&lt;b&gt;Not connected to a hub yet.&lt;/b&gt; Ask the hub&apos;s administrator (SES-MG) for the hub address and an enrollment code for this URS, then choose &quot;Connect to the hub…&quot;. Review decisions stay safely on this computer.</source>
        <translation>&lt;b&gt;Ainda não conectado a um hub.&lt;/b&gt; Peça ao administrador do hub (SES-MG) o endereço do hub e um código de inscrição para esta URS e escolha &quot;Conectar ao hub…&quot;. As decisões de análise ficam guardadas com segurança neste computador.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;Not connected to a hub yet.&lt;/b&gt; Ask “%1” for the hub address and an enrollment code, then choose &quot;Connect to the hub…&quot;. Reports stay safely in the outbox below.</source>
        <translation>&lt;b&gt;Ainda não conectado a um hub.&lt;/b&gt; Peça à “%1” o endereço do hub e um código de cadastro e escolha &quot;Conectar ao hub…&quot;. Os relatórios ficam guardados em segurança na caixa de saída abaixo.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;Not connected to a hub yet.&lt;/b&gt; Ask the URS for the hub address and an enrollment code, then choose &quot;Connect to the URS hub…&quot;. Reports stay safely in the outbox below.</source>
        <translation>&lt;b&gt;Ainda não conectado a um hub.&lt;/b&gt; Peça à URS o endereço do hub e um código de cadastro e escolha &quot;Conectar ao hub da URS…&quot;. Os relatórios ficam guardados na caixa de saída abaixo.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>municipality %1 (%2)</source>
        <translation>município %1 (%2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>URS %1</source>
        <translation>URS %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>central level</source>
        <translation>nível central</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&lt;b&gt;Connected to %1&lt;/b&gt; — %2&lt;br&gt;Address: %3&lt;br&gt;%4</source>
        <translation>&lt;b&gt;Conectado: %1&lt;/b&gt; — %2&lt;br&gt;Endereço: %3&lt;br&gt;%4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last successful contact: %1</source>
        <translation>Último contato com o hub: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No successful contact with the hub yet.</source>
        <translation>Ainda não houve sincronização com o hub.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Connect again…</source>
        <translation>&amp;Conectar de novo…</translation>
    </message>
    <message>
        <location line="-236"/>
        <location line="+237"/>
        <source>&amp;Connect to the hub…</source>
        <translation>&amp;Conectar ao hub…</translation>
    </message>
    <message>
        <location line="+151"/>
        <source>Checking with the hub…</source>
        <translation>Conferindo com o hub…</translation>
    </message>
    <message>
        <location filename="../app/ui/pages/sync_page_items.cpp" line="-186"/>
        <location line="+6"/>
        <location filename="../app/ui/pages/sync_page_regional.cpp" line="+89"/>
        <source>waiting for the connection — it goes as soon as the hub answers</source>
        <translation>na fila, aguardando a conexão — vai assim que o hub responder</translation>
    </message>
    <message>
        <location line="-4"/>
        <location filename="../app/ui/pages/sync_page_regional.cpp" line="-1"/>
        <source>waiting — next try on %1</source>
        <translation>na fila — nova tentativa em %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../app/ui/pages/sync_page_regional.cpp" line="+2"/>
        <source>waiting to be sent</source>
        <translation>na fila para envio</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>sending…</source>
        <translation>enviando…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>accepted by the URS</source>
        <translation>aceito pela URS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>accepted by %1</source>
        <translation>aceito pela %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>returned by the URS for correction</source>
        <translation>devolvido pela URS para correção</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>returned by %1 for correction</source>
        <translation>devolvido pela %1 para correção</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>accepted by the URS and forwarded to the central level</source>
        <translation>aceito pela URS e encaminhado ao nível central</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>consolidated by the central level</source>
        <translation>consolidado pelo nível central</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>returned by the URS for correction; revision %1 replaces it</source>
        <translation>devolvido pela URS para correção; a revisão %1 o substitui</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>returned by %1 for correction; revision %2 replaces it</source>
        <translation>devolvido pela %1 para correção; a revisão %2 o substitui</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>received by the URS on %1</source>
        <translation>recebido pela URS em %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>received by %1 on %2</source>
        <translation>recebido pela %1 em %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>received by the URS</source>
        <translation>recebido pela URS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>received by %1</source>
        <translation>recebido pela %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>refused by the hub — %n problem(s) to fix</source>
        <translation>
            <numerusform>recusado pelo hub — %n problema(s) a corrigir</numerusform>
            <numerusform>recusado pelo hub — %n problema(s) a corrigir</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>refused by the hub</source>
        <translation>recusado pelo hub</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>held — not sent until you release it</source>
        <translation>retido — não será enviado até você liberar</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>%1 — revision %2: %3</source>
        <translation>%1 — revisão %2: %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no photos</source>
        <translation>sem fotos</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n foto(s)</numerusform>
            <numerusform>%n foto(s)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/ui/pages/sync_page.cpp" line="-38"/>
        <source>Nothing waiting to be sent.</source>
        <translation>Nada aguardando envio.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n report(s) waiting to be sent</source>
        <translation>
            <numerusform>%n relatório(s) aguardando envio</numerusform>
            <numerusform>%n relatório(s) aguardando envio</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 to send</source>
        <translation>%1 a enviar</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n returned by the URS for correction (open it in Reports)</source>
        <translation>
            <numerusform>%n devolvido pela URS para correção (abra-o em Relatórios)</numerusform>
            <numerusform>%n devolvidos pela URS para correção (abra-os em Relatórios)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n returned by %1 for correction (open it in Reports)</source>
        <translation>
            <numerusform>%n devolvido(s) pela %1 para correção (abra em Relatórios)</numerusform>
            <numerusform>%n devolvido(s) pela %1 para correção (abra em Relatórios)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n refused by the hub</source>
        <translation>
            <numerusform>%n recusado(s) pelo hub</numerusform>
            <numerusform>%n recusado(s) pelo hub</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n held</source>
        <translation>
            <numerusform>%n retido(s)</numerusform>
            <numerusform>%n retido(s)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The outbox could not be read: %1</source>
        <translation>Não foi possível ler a caixa de saída: %1</translation>
    </message>
    <message>
        <location filename="../app/ui/pages/sync_page_items.cpp" line="+12"/>
        <source>Report</source>
        <translation>Relatório</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Action %1 — %2</source>
        <translation>Ação %1 — %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Action %1 — photo %2</source>
        <translation>Ação %1 — foto %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action %1 — photos</source>
        <translation>Ação %1 — fotos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action %1</source>
        <translation>Ação %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Concluded reports appear here until the URS confirms it received them.</source>
        <translation>Os relatórios concluídos aparecem aqui até a URS confirmar que os recebeu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Concluded reports appear here until the hub confirms it received them.</source>
        <translation>Os relatórios concluídos aparecem aqui até o hub confirmar que os recebeu.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 — revision %2</source>
        <translation>%1 — revisão %2</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Size: %1 (%n photo(s))</source>
        <translation>
            <numerusform>Tamanho: %1 (%n foto(s))</numerusform>
            <numerusform>Tamanho: %1 (%n foto(s))</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The URS&apos;s comment: “%1”</source>
        <translation>Comentário da URS: “%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment of %1: “%2”</source>
        <translation>Comentário da %1: “%2”</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Receipt %1, received on %2.</source>
        <translation>Comprovante %1, recebido em %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n attempt(s) so far; Mobiliza keeps trying by itself.</source>
        <translation>
            <numerusform>%n tentativa(s) até agora; o Mobiliza continua tentando sozinho.</numerusform>
            <numerusform>%n tentativa(s) até agora; o Mobiliza continua tentando sozinho.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What the hub found:</source>
        <translation>O que o hub encontrou:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Release</source>
        <translation>&amp;Liberar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send this report again at the next synchronization</source>
        <translation>Enviar este relatório de novo na próxima sincronização</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep this report on this computer and do not send it for now</source>
        <translation>Manter este relatório neste computador e não enviá-lo por enquanto</translation>
    </message>
    <message>
        <location filename="../app/ui/pages/sync_page.cpp" line="+36"/>
        <source>Sending %1: %2 of %3</source>
        <translation>Enviando %1: %2 de %3</translation>
    </message>
    <message>
        <location line="-371"/>
        <source>Outbox</source>
        <translation>Fila de envio</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>&lt;b&gt;The key that lets this computer send reports is kept in a file&lt;/b&gt; of your user account (this computer has no password vault for it). Lock the computer when you leave it; if someone else may have copied the key, ask the URS to cancel it and connect again.</source>
        <translation>&lt;b&gt;A chave que permite a este computador enviar relatórios está guardada num arquivo&lt;/b&gt; da sua conta de usuário (este computador não tem um cofre de senhas para ela). Bloqueie o computador ao se afastar; se alguém puder ter copiado a chave, peça à URS que a cancele e conecte de novo.</translation>
    </message>
    <message>
        <location line="+279"/>
        <source>Waiting for the next attempt to send</source>
        <translation>Aguardando a próxima tentativa de envio</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>Mobiliza tries again by itself at %1, or click “Sync now”.</source>
        <translation>O Mobiliza tenta de novo sozinho às %1, ou clique em “Sincronizar agora”.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mobiliza tries again by itself on %1 at %2, or click “Sync now”.</source>
        <translation>O Mobiliza tenta de novo sozinho em %1 às %2, ou clique em “Sincronizar agora”.</translation>
    </message>
    <message>
        <location line="+182"/>
        <source>The outbox is empty.</source>
        <translation>A fila de envio está vazia.</translation>
    </message>
    <message>
        <location filename="../app/ui/pages/sync_page_regional.cpp" line="-61"/>
        <source>Accepted</source>
        <translation>Aceito</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned for correction</source>
        <translation>Devolvido para correção</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Review started</source>
        <translation>Análise iniciada</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Consolidated</source>
        <translation>Consolidado</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Returned to the URS</source>
        <translation>Devolvido à URS</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>%1, %2</source>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>applied by the hub</source>
        <translation>aplicada pelo hub</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not applied: %1</source>
        <translation>não aplicada: %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 — revision %2: %3 (%4)</source>
        <translation>%1 — revisão %2: %3 (%4)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No review decision waiting to be sent.</source>
        <translation>Nenhuma decisão de análise aguardando envio.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n review decision(s) waiting to be sent</source>
        <translation>
            <numerusform>%n decisão de análise aguardando envio</numerusform>
            <numerusform>%n decisões de análise aguardando envio</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n not applied (another decision came first)</source>
        <translation>
            <numerusform>%n não aplicada (outra decisão chegou antes)</numerusform>
            <numerusform>%n não aplicadas (outra decisão chegou antes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n report(s) received on this computer</source>
        <translation>
            <numerusform>%n relatório(s) recebido(s) neste computador</numerusform>
            <numerusform>%n relatório(s) recebido(s) neste computador</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n report(s) of the municipalities on this computer</source>
        <translation>
            <numerusform>%n relatório dos municípios neste computador</numerusform>
            <numerusform>%n relatórios dos municípios neste computador</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The review decisions could not be read: %1</source>
        <translation>Não foi possível ler as decisões de análise: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The review decisions made on this computer appear here until the hub applies them.</source>
        <translation>As decisões de análise tomadas neste computador aparecem aqui até o hub aplicá-las.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Decided by %1 on %2.</source>
        <translation>Decidido por %1 em %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Comment: %1</source>
        <translation>Comentário: %1</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::TargetsDialog</name>
    <message>
        <location filename="../app/ui/panel/targets_dialog.cpp" line="+40"/>
        <source>Targets</source>
        <translation>Metas</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Year:</source>
        <translation>&amp;Ano:</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source> actions</source>
        <translation> ações</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+3"/>
        <location line="+26"/>
        <source>no target</source>
        <translation>sem meta</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>Actions of the &amp;state in the year:</source>
        <translation>Ações do &amp;estado no ano:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Actions of &amp;each municipality in the year:</source>
        <translation>Ações de &amp;cada município no ano:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>URS</source>
        <translation>URS</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Municipalities</source>
        <translation>Municípios</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Coverage target</source>
        <translation>Meta de cobertura</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actions in the year</source>
        <translation>Ações no ano</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Coverage target of URS %1</source>
        <translation>Meta de cobertura da URS %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Actions in the year of URS %1</source>
        <translation>Ações no ano da URS %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The coverage target is the share of a URS&apos;s municipalities expected to report each month. A URS&apos;s action target counts when the panel shows all its municipalities; otherwise each municipality&apos;s target does. Saved targets reach the URS and the municipalities at their next synchronization.</source>
        <translation>A meta de cobertura é a parcela dos municípios da URS que deve enviar o relatório de cada mês. A meta de ações de uma URS vale quando o Painel mostra todos os seus municípios; nos demais casos, vale a de cada município. As metas salvas chegam às URS e aos municípios na próxima sincronização deles.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The central level sets these targets; they arrive at each synchronization.</source>
        <translation>O nível central define estas metas; elas chegam a cada sincronização.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>No targets were published yet: coverage targets come from the reference table and there are no action targets.</source>
        <translation>Nenhuma meta foi publicada ainda: as metas de cobertura vêm da tabela de referência e não há metas de ações.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Example targets of the demonstration data: the targets the central level publishes replace them.</source>
        <translation>Metas de exemplo dos dados de demonstração: as metas que o nível central publicar as substituem.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Targets of %1 (revision %2, saved by %3).</source>
        <translation>Metas de %1 (revisão %2, salvas por %3).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the central level</source>
        <translation>o nível central</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not yet published: they go to the hub at the next synchronization.</source>
        <translation>Ainda não publicadas: vão para o hub na próxima sincronização.</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Newer targets arrived</source>
        <translation>Chegaram metas mais novas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Targets of revision %1 arrived while this window was open. Your values are still here and were not saved; compare them with the published ones (close and open this window to see them) or save again to replace them.</source>
        <translation>As metas da revisão %1 chegaram enquanto esta janela estava aberta. Os seus valores continuam aqui e não foram salvos; compare-os com os publicados (feche e abra esta janela para vê-los) ou salve de novo para substituí-los.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Targets not saved</source>
        <translation>Metas não salvas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The targets were not saved: %1 Your values are still in this window.</source>
        <translation>As metas não foram salvas: %1 Os seus valores continuam nesta janela.</translation>
    </message>
</context>
<context>
    <name>mobiliza::ui::TextSearchView</name>
    <message>
        <location filename="../app/ui/panel/text_search_view.cpp" line="+33"/>
        <source>Sea&amp;rch the texts:</source>
        <translation>Bus&amp;car nos textos:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>words in %1</source>
        <translation>palavras em %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Accents and capitals do not matter: “reuniao” finds “Reunião”. The start of a word is enough: “pactu” finds “pactuação”. Every word typed must be in the passage.</source>
        <translation>Acentos e maiúsculas não importam: “reuniao” encontra “Reunião”. O começo da palavra basta: “pactu” encontra “pactuação”. Cada palavra digitada precisa estar no trecho.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Search</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export found (CSV)…</source>
        <translation>Exportar encontradas (CSV)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export found (XLSX)…</source>
        <translation>Exportar encontradas (XLSX)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The actions found, one per row: who, when, where the words are, the passages, then every field of the action, for qualitative analysis in a spreadsheet.</source>
        <translation>As ações encontradas, uma por linha: quem, quando, onde estão as palavras, os trechos e depois cada campo da ação, para a análise qualitativa numa planilha.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Type words and press Enter. The search uses the panel&apos;s filters above.</source>
        <translation>Digite palavras e tecle Enter. A busca usa os filtros do painel, acima.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Passages found</source>
        <translation>Trechos encontrados</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Type one or more words to search for.</source>
        <translation>Digite uma ou mais palavras para buscar.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Searching…</source>
        <translation>Buscando…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The search could not be made: %1</source>
        <translation>Não foi possível fazer a busca: %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Nothing found for “%1” with these filters.</source>
        <translation>Nada encontrado para “%1” com estes filtros.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n passage(s)</source>
        <translation>
            <numerusform>%n trecho</numerusform>
            <numerusform>%n trechos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>in %n action(s), best first.</source>
        <translation>
            <numerusform>em %n ação, os mais relevantes primeiro.</numerusform>
            <numerusform>em %n ações, os mais relevantes primeiro.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The first %1 are shown; the export has them all.</source>
        <translation>Aparecem os %1 primeiros; a exportação traz todos.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>open the report</source>
        <translation>abrir o relatório</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export the actions found</source>
        <translation>Exportar as ações encontradas</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Pasta de trabalho do Excel (*.xlsx)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV file (*.csv)</source>
        <translation>Arquivo CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Actions exported</source>
        <translation>Ações exportadas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The actions found were written to %1.</source>
        <translation>As ações encontradas foram gravadas em %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Actions not exported</source>
        <translation>Ações não exportadas</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The actions found could not be written: %1</source>
        <translation>Não foi possível gravar as ações encontradas: %1</translation>
    </message>
</context>
</TS>
