<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR" sourcelanguage="en">
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
            <translation>Este perfil ainda não tem município. Rode uma vez com --municipality IBGE (o código IBGE de 7 dígitos) ou abra o Mobiliza sem as opções sem janela para escolhê-lo.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>"%1" is not the IBGE code of a municipality of Minas Gerais. Check the 7-digit code (for example 3106200 for Belo Horizonte).</source>
            <translation>"%1" não é o código IBGE de um município de Minas Gerais. Confira o código de 7 dígitos (por exemplo, 3106200 para Belo Horizonte).</translation>
        </message>
        <message>
            <location line="+36" />
            <source>Could not save the screenshot to %1. Check that the folder exists and is writable.</source>
            <translation>Não foi possível salvar a captura de tela em %1. Verifique se a pasta existe e se é possível gravar nela.</translation>
        </message>
    </context>
    <context>
        <name>BlobStore</name>
        <message>
            <location filename="../core/services/blob_store.cpp" line="+26" />
            <source>The photo file %1 could not be written or read (%2). Check that the disk is connected and has free space, then try again.</source>
            <translation>Não foi possível gravar ou ler o arquivo de foto %1 (%2). Verifique se o disco está conectado e tem espaço livre e tente novamente.</translation>
        </message>
        <message>
            <location line="+116" />
            <source>A photo file is missing from the data folder (%1). Add the photo again.</source>
            <translation>Um arquivo de foto não está na pasta de dados (%1). Adicione a foto novamente.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>A photo file is damaged on the disk (%1). Remove the photo and add it again.</source>
            <translation>Um arquivo de foto está danificado no disco (%1). Remova a foto e adicione-a novamente.</translation>
        </message>
    </context>
    <context>
        <name>BrValidators</name>
        <message>
            <location filename="../core/validators/br_validators.cpp" line="+74" />
            <source>Type the CPF (11 digits).</source>
            <translation>Digite o CPF (11 dígitos).</translation>
        </message>
        <message>
            <location line="+5" />
            <source>A CPF has only digits. Remove the letters or symbols and type the 11 digits.</source>
            <translation>O CPF tem só números. Apague as letras ou símbolos e digite os 11 dígitos.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>A CPF has 11 digits; you typed %1. Check the number and type all 11 digits.</source>
            <translation>O CPF tem 11 dígitos; você digitou %1. Confira o número e digite os 11 dígitos.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>This CPF is not valid: all its digits are the same. Type the person's real CPF.</source>
            <translation>Este CPF não é válido: todos os dígitos são iguais. Digite o CPF verdadeiro da pessoa.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>This CPF is not valid: its last two digits (check digits) do not match. Check for a typo.</source>
            <translation>Este CPF não é válido: os dois últimos dígitos (dígitos verificadores) não conferem. Verifique se há erro de digitação.</translation>
        </message>
        <message>
            <location line="+63" />
            <source>Type the CNPJ (14 characters).</source>
            <translation>Digite o CNPJ (14 caracteres).</translation>
        </message>
        <message>
            <location line="+5" />
            <source>A CNPJ has only digits and letters. Remove the other characters and type the 14 characters.</source>
            <translation>O CNPJ tem só números e letras. Apague os outros caracteres e digite os 14 caracteres.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>A CNPJ has 14 characters; you typed %1. Check the number and type all 14.</source>
            <translation>O CNPJ tem 14 caracteres; você digitou %1. Confira o número e digite os 14.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The last two characters of a CNPJ (check digits) are always digits. Check the number.</source>
            <translation>Os dois últimos caracteres do CNPJ (dígitos verificadores) são sempre números. Confira o número.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>This CNPJ is not valid: all its characters are the same. Type the organization's real CNPJ.</source>
            <translation>Este CNPJ não é válido: todos os caracteres são iguais. Digite o CNPJ verdadeiro da organização.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>This CNPJ is not valid: its last two digits (check digits) do not match. Check for a typo.</source>
            <translation>Este CNPJ não é válido: os dois últimos dígitos (dígitos verificadores) não conferem. Verifique se há erro de digitação.</translation>
        </message>
        <message>
            <location line="+24" />
            <source>Type the CPF (11 digits) or the CNPJ (14 characters).</source>
            <translation>Digite o CPF (11 dígitos) ou o CNPJ (14 caracteres).</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Type a CPF (11 digits) or a CNPJ (14 characters); you typed %1 characters.</source>
            <translation>Digite um CPF (11 dígitos) ou um CNPJ (14 caracteres); você digitou %1 caracteres.</translation>
        </message>
        <message>
            <location line="+43" />
            <source>Type the phone number with the area code (DDD), e.g. (31) 98765-4321.</source>
            <translation>Digite o telefone com o DDD, por exemplo (31) 98765-4321.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>A phone number has only digits. Remove the letters or symbols and type it like (31) 98765-4321.</source>
            <translation>O telefone tem só números. Apague as letras ou símbolos e digite assim: (31) 98765-4321.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Only Brazilian numbers (+55) are accepted. Type the number with the area code (DDD), e.g. (31) 98765-4321.</source>
            <translation>Só são aceitos números do Brasil (+55). Digite o número com o DDD, por exemplo (31) 98765-4321.</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Add the area code (DDD) before the number, e.g. (31) 98765-4321.</source>
            <translation>Coloque o DDD antes do número, por exemplo (31) 98765-4321.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>This phone number has %1 digits. Type the area code (DDD) and the number: 10 digits for a landline, 11 for a mobile.</source>
            <translation>Este telefone tem %1 dígitos. Digite o DDD e o número: 10 dígitos para telefone fixo, 11 para celular.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>%1 is not a Brazilian area code (DDD). Check the first two digits; in Minas Gerais they are 31 to 35, 37 or 38.</source>
            <translation>%1 não é um DDD do Brasil. Confira os dois primeiros dígitos; em Minas Gerais o DDD é de 31 a 35, 37 ou 38.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>A mobile number has 9 digits and starts with 9. Check the number.</source>
            <translation>O número de celular tem 9 dígitos e começa com 9. Confira o número.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Mobile numbers have 9 digits starting with 9. Add a 9 in front: %1.</source>
            <translation>O número de celular tem 9 dígitos e começa com 9. Acrescente o 9 na frente: %1.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>A landline number starts with 2, 3, 4 or 5. Check the number.</source>
            <translation>O número de telefone fixo começa com 2, 3, 4 ou 5. Confira o número.</translation>
        </message>
        <message>
            <location line="+29" />
            <source>Type the CEP (8 digits), e.g. 30130-010.</source>
            <translation>Digite o CEP (8 dígitos), por exemplo 30130-010.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>A CEP has only digits. Type it like 30130-010.</source>
            <translation>O CEP tem só números. Digite assim: 30130-010.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>A CEP has 8 digits; you typed %1. Type it like 30130-010.</source>
            <translation>O CEP tem 8 dígitos; você digitou %1. Digite assim: 30130-010.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>00000-000 is not a valid CEP. Type the CEP of the address.</source>
            <translation>00000-000 não é um CEP válido. Digite o CEP do endereço.</translation>
        </message>
        <message>
            <location line="+31" />
            <source>Type the date as dd/mm/aaaa, e.g. 05/03/2026.</source>
            <translation>Digite a data no formato dd/mm/aaaa, por exemplo 05/03/2026.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Type the date as dd/mm/aaaa (day, month and the year with 4 digits), e.g. 05/03/2026.</source>
            <translation>Digite a data no formato dd/mm/aaaa (dia, mês e o ano com 4 dígitos), por exemplo 05/03/2026.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>The year %1 is out of range. Type a year between 1900 and 2100.</source>
            <translation>O ano %1 está fora do intervalo aceito. Digite um ano entre 1900 e 2100.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Month %1 does not exist. Type the date as dd/mm/aaaa with a month from 01 to 12.</source>
            <translation>O mês %1 não existe. Digite a data no formato dd/mm/aaaa, com o mês de 01 a 12.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Day %1 does not exist in %2/%3 (that month has %4 days). Check the date.</source>
            <translation>O dia %1 não existe em %2/%3 (esse mês tem %4 dias). Confira a data.</translation>
        </message>
    </context>
    <context>
        <name>CommandLine</name>
        <message>
            <location filename="../app/ui/command_line.cpp" line="+19" />
            <source>Mobiliza: records social-mobilization actions in public health, offline first.</source>
            <translation>Mobiliza: registro das ações de mobilização social em saúde, funcionando mesmo sem internet.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Shows this help.</source>
            <translation>Mostra esta ajuda.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Shows the version.</source>
            <translation>Mostra a versão.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Profile folder (default: the platform's application data folder).</source>
            <translation>Pasta do perfil (padrão: a pasta de dados de aplicativos do sistema).</translation>
        </message>
        <message>
            <location line="+1" />
            <source>DIR</source>
            <translation>PASTA</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Interface language: pt_BR (default) or en.</source>
            <translation>Idioma da interface: pt_BR (padrão) ou en.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>LANG</source>
            <translation>IDIOMA</translation>
        </message>
        <message>
            <location line="+3" />
            <source>IBGE code of the municipality this profile reports for (first use only).</source>
            <translation>Código IBGE do município deste perfil (somente no primeiro uso).</translation>
        </message>
        <message>
            <location line="+0" />
            <source>IBGE</source>
            <translation>IBGE</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Fills the profile with a clearly marked demonstration data set.</source>
            <translation>Preenche o perfil com dados de demonstração, claramente identificados.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Saves the main window (1280×800) as a PNG image and exits.</source>
            <translation>Salva a janela principal (1280×800) como imagem PNG e encerra.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>FILE</source>
            <translation>ARQUIVO</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Page for --screenshot: reports, partners, sync, panel or settings.</source>
            <translation>Página para --screenshot: reports, partners, sync, panel ou settings.</translation>
        </message>
        <message>
            <location line="+1" />
            <source>NAME</source>
            <translation>NOME</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Prints one line per report (YYYY-MM, state, revision) and exits.</source>
            <translation>Imprime uma linha por relatório (AAAA-MM, situação, revisão) e encerra.</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Unexpected argument: %1. See --help.</source>
            <translation>Argumento inesperado: %1. Veja --help.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Unknown language "%1": use pt_BR or en.</source>
            <translation>Idioma desconhecido "%1": use pt_BR ou en.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>--page is only used with --screenshot FILE.</source>
            <translation>--page só é usado junto com --screenshot ARQUIVO.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Unknown page "%1": use one of %2.</source>
            <translation>Página desconhecida "%1": use uma destas: %2.</translation>
        </message>
        <message>
            <location line="+3" />
            <source>--data-dir needs a folder.</source>
            <translation>--data-dir precisa de uma pasta.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Use either --status or --screenshot, not both.</source>
            <translation>Use --status ou --screenshot, não os dois.</translation>
        </message>
    </context>
    <context>
        <name>Database</name>
        <message>
            <location filename="../core/store/database.cpp" line="+24" />
            <source>Mobiliza cannot write to %1. Check that the disk is connected, that it is not full and that your user may write there, then open Mobiliza again.</source>
            <translation>O Mobiliza não consegue gravar em %1. Verifique se o disco está conectado, se não está cheio e se o seu usuário tem permissão de gravação ali, e abra o Mobiliza novamente.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>The file %1 is not a Mobiliza database or is damaged (%2). It was not changed. Restore a backup copy or choose another data folder.</source>
            <translation>O arquivo %1 não é um banco de dados do Mobiliza ou está danificado (%2). Ele não foi alterado. Restaure uma cópia de segurança ou escolha outra pasta de dados.</translation>
        </message>
        <message>
            <location line="+50" />
            <source>The SQLite driver of Qt (QSQLITE) is not installed. Reinstall Mobiliza.</source>
            <translation>O driver SQLite do Qt (QSQLITE) não está instalado. Reinstale o Mobiliza.</translation>
        </message>
        <message>
            <location line="+26" />
            <source>The data in %1 was saved by a newer version of Mobiliza (data format %2; this version knows up to %3). Update Mobiliza to open it. Nothing was changed.</source>
            <translation>Os dados em %1 foram gravados por uma versão mais nova do Mobiliza (formato de dados %2; esta versão conhece até o %3). Atualize o Mobiliza para abri-los. Nada foi alterado.</translation>
        </message>
        <message>
            <location line="+65" />
            <source>The database in %1 is damaged (%2). Restore a backup copy and report this message to the support team.</source>
            <translation>O banco de dados em %1 está danificado (%2). Restaure uma cópia de segurança e informe esta mensagem à equipe de suporte.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>The database is busy in another window or program. Close it and try again.</source>
            <translation>O banco de dados está em uso em outra janela ou programa. Feche-o e tente novamente.</translation>
        </message>
        <message>
            <location filename="../core/store/migrations.cpp" line="+34" />
            <source>The data could not be updated to the format of this version of Mobiliza (step %1, "%2": %3). Nothing was changed: the data is as it was before. Report this message to the support team.</source>
            <translation>Não foi possível atualizar os dados para o formato desta versão do Mobiliza (etapa %1, "%2": %3). Nada foi alterado: os dados estão como antes. Informe esta mensagem à equipe de suporte.</translation>
        </message>
        <message>
            <location filename="../core/store/sql.cpp" line="+13" />
            <source>The data could not be saved or read (%1). Nothing was changed. Try again; if it keeps happening, check the free space on the disk.</source>
            <translation>Não foi possível gravar ou ler os dados (%1). Nada foi alterado. Tente novamente; se continuar acontecendo, verifique o espaço livre no disco.</translation>
        </message>
    </context>
    <context>
        <name>DemoData</name>
        <message>
            <location filename="../core/demo/demo_data.cpp" line="+139" />
            <source>This profile already holds real reports or partners, so no demonstration data was added. Use --demo-data with a new, empty --data-dir.</source>
            <translation>Este perfil já tem relatórios ou parceiros reais; por isso nenhum dado de demonstração foi adicionado. Use --demo-data com uma pasta --data-dir nova e vazia.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Choose the profile's municipality before adding demonstration data.</source>
            <translation>Escolha o município do perfil antes de adicionar dados de demonstração.</translation>
        </message>
    </context>
    <context>
        <name>Partner</name>
        <message>
            <location filename="../app/ui/models/partner_list_model.cpp" line="+13" />
            <source>Individual</source>
            <translation>Pessoa física</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Organization</source>
            <translation>Pessoa jurídica</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Informal group</source>
            <translation>Grupo/coletivo informal</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Mapped</source>
            <translation>Mapeado</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Sensitized</source>
            <translation>Sensibilizado</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Active partnership</source>
            <translation>Parceria ativa</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Inactive</source>
            <translation>Inativo</translation>
        </message>
    </context>
    <context>
        <name>PartnerService</name>
        <message>
            <location filename="../core/services/partner_service.cpp" line="+143" />
            <source>The partner has no name. Type the name and save again.</source>
            <translation>O parceiro está sem nome. Digite o nome e salve novamente.</translation>
        </message>
        <message>
            <location filename="../core/services/service_errors.cpp" line="+34" />
            <source>The partner was not found. It may have been erased: reopen the partners register.</source>
            <translation>O parceiro não foi encontrado. Ele pode ter sido excluído: abra novamente o cadastro de parceiros.</translation>
        </message>
    </context>
    <context>
        <name>ProfileService</name>
        <message>
            <location filename="../core/services/profile_service.cpp" line="+118" />
            <source>"%1" is not a municipality code. Choose the municipality from the list.</source>
            <translation>"%1" não é um código de município. Escolha o município na lista.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>This profile already belongs to the municipality %1 and cannot be moved to %2. To record another municipality's data, create a separate profile.</source>
            <translation>Este perfil já pertence ao município %1 e não pode ser transferido para %2. Para registrar os dados de outro município, crie um perfil separado.</translation>
        </message>
        <message>
            <location line="+32" />
            <source>The setting "%1" cannot be changed here.</source>
            <translation>A configuração "%1" não pode ser alterada aqui.</translation>
        </message>
    </context>
    <context>
        <name>ProgramDefinition</name>
        <message>
            <location filename="../core/program/program_definition.cpp" line="+32" />
            <source>Could not read the program definition “%1”: %2. Check that the file exists and can be read.</source>
            <translation>Não foi possível ler a definição de programa “%1”: %2. Verifique se o arquivo existe e pode ser lido.</translation>
        </message>
        <message>
            <location filename="../core/program/program_loader.cpp" line="+78" />
            <source>text</source>
            <translation>texto</translation>
        </message>
        <message>
            <location line="+2" />
            <source>a whole number</source>
            <translation>um número inteiro</translation>
        </message>
        <message>
            <location line="+2" />
            <source>a number</source>
            <translation>um número</translation>
        </message>
        <message>
            <location line="+2" />
            <source>true or false</source>
            <translation>verdadeiro ou falso</translation>
        </message>
        <message>
            <location line="+2" />
            <source>a list</source>
            <translation>uma lista</translation>
        </message>
        <message>
            <location line="+2" />
            <source>an object</source>
            <translation>um objeto</translation>
        </message>
        <message>
            <location line="+17" />
            <location line="+89" />
            <location line="+199" />
            <source>%1: the name “%2” is not valid. Use lower-case letters, digits and underscores, starting with a letter.</source>
            <translation>%1: o nome “%2” não é válido. Use letras minúsculas, algarismos e sublinhados, começando por uma letra.</translation>
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
            <translation>%1: “%2” tem o tipo errado; deve ser %3.</translation>
        </message>
        <message>
            <location line="-63" />
            <source>The catalogue “%1” is empty. Add at least one entry.</source>
            <translation>O catálogo “%1” está vazio. Inclua pelo menos um item.</translation>
        </message>
        <message>
            <location line="+29" />
            <source>The catalogue “%1” has the code “%2” more than once. Each entry needs its own code.</source>
            <translation>O catálogo “%1” tem o código “%2” mais de uma vez. Cada item precisa de um código próprio.</translation>
        </message>
        <message>
            <location line="+21" />
            <source>The program has no fields. Add at least one field.</source>
            <translation>O programa não tem campos. Inclua pelo menos um campo.</translation>
        </message>
        <message>
            <location line="+34" />
            <source>The field “%1” has the unknown type “%2”. Use one of: %3.</source>
            <translation>O campo “%1” tem o tipo desconhecido “%2”. Use um destes: %3.</translation>
        </message>
        <message>
            <location line="+11" />
            <location line="+55" />
            <source>%1: “%2” does not apply to fields of type “%3”. Remove it.</source>
            <translation>%1: “%2” não se aplica a campos do tipo “%3”. Remova-o.</translation>
        </message>
        <message>
            <location line="-35" />
            <source>The field “%1” has a minimum (%2) greater than its maximum (%3).</source>
            <translation>O campo “%1” tem um mínimo (%2) maior que o máximo (%3).</translation>
        </message>
        <message>
            <location line="+31" />
            <source>The field “%1” of type “%2” needs a catalogue. Add “catalogue”.</source>
            <translation>O campo “%1”, do tipo “%2”, precisa de um catálogo. Inclua “catalogue”.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>The field “%1” refers to the catalogue “%2”, which the program does not define. Add the catalogue or fix the name.</source>
            <translation>O campo “%1” usa o catálogo “%2”, que o programa não define. Inclua o catálogo ou corrija o nome.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>The “other” value “%1” of the field “%2” is not a code of the catalogue “%3”.</source>
            <translation>O valor “outro” “%1” do campo “%2” não é um código do catálogo “%3”.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>The field id “%1” is used more than once. Each field needs its own id.</source>
            <translation>O identificador de campo “%1” é usado mais de uma vez. Cada campo precisa de um identificador próprio.</translation>
        </message>
        <message>
            <location line="+31" />
            <source>The field “%1” has the unknown role “%2”. Use one of: %3.</source>
            <translation>O campo “%1” tem o papel desconhecido “%2”. Use um destes: %3.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The field “%1” cannot have the role “%2”: that role needs a field of type %3.</source>
            <translation>O campo “%1” não pode ter o papel “%2”: esse papel exige um campo do tipo %3.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The role “%1” is given to more than one field (“%2” and “%3”). Keep it on one field.</source>
            <translation>O papel “%1” foi atribuído a mais de um campo (“%2” e “%3”). Deixe-o em um só campo.</translation>
        </message>
        <message>
            <location line="+22" />
            <source>The program definition is not valid JSON (%1 at position %2). Fix the file or ask for a corrected program definition.</source>
            <translation>A definição de programa não é um JSON válido (%1 na posição %2). Corrija o arquivo ou peça uma definição de programa corrigida.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>The program definition must be a JSON object. Fix the file or ask for a corrected program definition.</source>
            <translation>A definição de programa deve ser um objeto JSON. Corrija o arquivo ou peça uma definição de programa corrigida.</translation>
        </message>
        <message>
            <location line="+21" />
            <source>The program definition uses format version %1, but this version of Mobiliza reads only up to version %2. Update Mobiliza.</source>
            <translation>A definição de programa usa a versão de formato %1, mas esta versão do Mobiliza só lê até a versão %2. Atualize o Mobiliza.</translation>
        </message>
        <message>
            <location line="+34" />
            <source>The program definition is not valid. Fix these problems:</source>
            <translation>A definição de programa não é válida. Corrija estes problemas:</translation>
        </message>
        <message>
            <location line="+2" />
            <source>The program definition “%1” is not valid. Fix these problems:</source>
            <translation>A definição de programa “%1” não é válida. Corrija estes problemas:</translation>
        </message>
        <message>
            <location filename="../core/program/program_loader_p.h" line="-50" />
            <source>program</source>
            <translation>programa</translation>
        </message>
        <message>
            <location line="+10" />
            <source>%1: unknown key “%2”. Remove it or check its spelling.</source>
            <translation>%1: chave desconhecida “%2”. Remova-a ou confira a grafia.</translation>
        </message>
        <message>
            <location line="+14" />
            <location line="+39" />
            <source>%1: the required key “%2” is missing.</source>
            <translation>%1: falta a chave obrigatória “%2”.</translation>
        </message>
        <message>
            <location line="+13" />
            <location filename="../core/program/program_rules_loader.cpp" line="+47" />
            <source>%1: “%2” must be between %3 and %4.</source>
            <translation>%1: “%2” deve estar entre %3 e %4.</translation>
        </message>
        <message>
            <location line="+19" />
            <location filename="../core/program/program_rules_loader.cpp" line="-95" />
            <source>%1: “%2” has the invalid value “%3”. Use one of: %4.</source>
            <translation>%1: “%2” tem o valor inválido “%3”. Use um destes: %4.</translation>
        </message>
        <message>
            <location line="+22" />
            <source>%1: the field “%2” does not exist or is not of type %3. Add the field or fix the reference.</source>
            <translation>%1: o campo “%2” não existe ou não é do tipo %3. Inclua o campo ou corrija a referência.</translation>
        </message>
        <message>
            <location filename="../core/program/program_rules_loader.cpp" line="+35" />
            <source>%1: give exactly one condition among %2.</source>
            <translation>%1: informe exatamente uma condição entre %2.</translation>
        </message>
        <message>
            <location line="+29" />
            <source>%1: the field “%2” is compared with “%3”, which is not a code of the catalogue “%4”.</source>
            <translation>%1: o campo “%2” é comparado com “%3”, que não é um código do catálogo “%4”.</translation>
        </message>
    </context>
    <context>
        <name>ReferenceData</name>
        <message>
            <location filename="../core/reference/reference_data.cpp" line="+51" />
            <source>The reference file is incomplete or damaged: %1. Ask SES-MG for a new copy of the file and import it again.</source>
            <translation>O arquivo de referência está incompleto ou danificado: %1. Peça à SES-MG uma nova cópia do arquivo e importe-o novamente.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>the list "%1" is missing or empty</source>
            <translation>a lista "%1" está ausente ou vazia</translation>
        </message>
        <message>
            <location line="+5" />
            <source>entry %1 of "%2" has no code or name</source>
            <translation>o item %1 de "%2" não tem código ou nome</translation>
        </message>
        <message>
            <location line="+8" />
            <source>the code %1 appears twice in "%2"</source>
            <translation>o código %1 aparece duas vezes em "%2"</translation>
        </message>
        <message>
            <location line="+59" />
            <source>The reference file could not be read (%1). Use the file exactly as published by SES-MG, without editing it.</source>
            <translation>Não foi possível ler o arquivo de referência (%1). Use o arquivo exatamente como publicado pela SES-MG, sem editá-lo.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>it is not a JSON object</source>
            <translation>o conteúdo não é um objeto JSON</translation>
        </message>
        <message>
            <location line="+5" />
            <source>The reference file uses format %1, which this version of Mobiliza cannot read. Update Mobiliza or ask SES-MG for a file in format %2.</source>
            <translation>O arquivo de referência usa o formato %1, que esta versão do Mobiliza não consegue ler. Atualize o Mobiliza ou peça à SES-MG um arquivo no formato %2.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>the version, revision or publication date is missing</source>
            <translation>falta a versão, a revisão ou a data de publicação</translation>
        </message>
        <message>
            <location line="+69" />
            <source>the região de saúde %1 refers to an unknown URS or macrorregião</source>
            <translation>a região de saúde %1 aponta para uma URS ou macrorregião desconhecida</translation>
        </message>
        <message>
            <location line="+33" />
            <source>the IBGE code "%1" does not have 7 digits</source>
            <translation>o código IBGE "%1" não tem 7 dígitos</translation>
        </message>
        <message>
            <location line="+8" />
            <source>the municipality %1 refers to an unknown URS, região de saúde or macrorregião</source>
            <translation>o município %1 aponta para uma URS, região de saúde ou macrorregião desconhecida</translation>
        </message>
        <message>
            <location line="+49" />
            <source>the catalogue "%1" is empty or has an entry without code or label</source>
            <translation>o catálogo "%1" está vazio ou tem um item sem código ou descrição</translation>
        </message>
    </context>
    <context>
        <name>ReferenceRepository</name>
        <message>
            <location filename="../core/reference/reference_repository.cpp" line="+77" />
            <source>Could not open %1 (%2). Check that the file exists and that you are allowed to read it.</source>
            <translation>Não foi possível abrir %1 (%2). Verifique se o arquivo existe e se você tem permissão para lê-lo.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>%1 is too large to be a reference table. Choose the mg_reference.json file published by SES-MG.</source>
            <translation>%1 é grande demais para ser uma tabela de referência. Escolha o arquivo mg_reference.json publicado pela SES-MG.</translation>
        </message>
        <message>
            <location line="+14" />
            <source>This reference table (version %1) is not newer than the one in use (version %2). Nothing was changed; import only a table published after the current one.</source>
            <translation>Esta tabela de referência (versão %1) não é mais nova que a que está em uso (versão %2). Nada foi alterado; importe apenas uma tabela publicada depois da atual.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Could not save the reference table in %1 (%2). Check the free disk space and the folder permissions, then try again.</source>
            <translation>Não foi possível salvar a tabela de referência em %1 (%2). Verifique o espaço livre em disco e as permissões da pasta e tente novamente.</translation>
        </message>
    </context>
    <context>
        <name>ReportService</name>
        <message>
            <location filename="../core/services/report_lifecycle.cpp" line="+104" />
            <source>The report cannot be concluded yet. Fix the problems shown in the list (blocking: %1), then conclude again.</source>
            <translation>O relatório ainda não pode ser concluído. Corrija os problemas indicados na lista (impeditivos: %1) e conclua novamente.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>The file of photo %1 is missing from the data folder. Remove the photo and add it again, then conclude.</source>
            <translation>O arquivo da foto %1 não está na pasta de dados. Remova a foto, adicione-a novamente e depois conclua.</translation>
        </message>
        <message>
            <location line="+48" />
            <source>A report is concluded with its validation. Use "Conclude" in the report.</source>
            <translation>O relatório é concluído junto com a sua validação. Use "Concluir" no relatório.</translation>
        </message>
        <message>
            <location line="+42" />
            <source>The report is being sent and cannot be withdrawn now. Wait until the sending ends and try again.</source>
            <translation>O relatório está sendo enviado e não pode ser retirado agora. Aguarde o fim do envio e tente novamente.</translation>
        </message>
        <message>
            <location line="+82" />
            <source>Revision %1 of the report was not found.</source>
            <translation>A revisão %1 do relatório não foi encontrada.</translation>
        </message>
        <message>
            <location filename="../core/services/report_service.cpp" line="+295" />
            <source>The program or the month of the report is not valid. Choose them again.</source>
            <translation>O programa ou o mês do relatório não é válido. Escolha-os novamente.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>Choose the municipality of this profile before creating reports.</source>
            <translation>Escolha o município deste perfil antes de criar relatórios.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>There is already a report for %1. Open it from the list of reports.</source>
            <translation>Já existe um relatório de %1. Abra-o na lista de relatórios.</translation>
        </message>
        <message>
            <location line="+234" />
            <source>The photo file was not stored in the data folder. Import the photo again.</source>
            <translation>O arquivo da foto não foi guardado na pasta de dados. Importe a foto novamente.</translation>
        </message>
        <message>
            <location filename="../core/services/service_errors.cpp" line="-24" />
            <source>The report was not found. It may have been removed: reopen the list of reports.</source>
            <translation>O relatório não foi encontrado. Ele pode ter sido removido: abra novamente a lista de relatórios.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>The action was not found. It may have been removed: reopen the report.</source>
            <translation>A ação não foi encontrada. Ela pode ter sido removida: abra o relatório novamente.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>The photo was not found. It may have been removed: reopen the report.</source>
            <translation>A foto não foi encontrada. Ela pode ter sido removida: abra o relatório novamente.</translation>
        </message>
        <message>
            <location line="+16" />
            <source>This report is "%1" and can no longer be edited. To correct it, withdraw it from the outbox while it has not been sent, or wait until it is returned.</source>
            <translation>Este relatório está "%1" e não pode mais ser editado. Para corrigi-lo, retire-o da caixa de saída enquanto não tiver sido enviado, ou aguarde a devolução.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Position %1 does not exist: the list has %2 items.</source>
            <translation>A posição %1 não existe: a lista tem %2 itens.</translation>
        </message>
    </context>
    <context>
        <name>ReportState</name>
        <message>
            <location filename="../core/domain/report_state.cpp" line="+57" />
            <source>A report in state "%1" cannot be %2.</source>
            <translation>Um relatório na situação "%1" não pode ser %2.</translation>
        </message>
        <message>
            <location line="+60" />
            <source>Draft</source>
            <translation>Rascunho</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Ready to send</source>
            <translation>Pronto para envio</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Sending</source>
            <translation>Enviando</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Received by the URS</source>
            <translation>Recebido pela URS</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Accepted by the URS</source>
            <translation>Aceito pela URS</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Returned for correction</source>
            <translation>Devolvido para correção</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Forwarded to the central level</source>
            <translation>Encaminhado ao nível central</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Consolidated</source>
            <translation>Consolidado</translation>
        </message>
        <message>
            <location line="+25" />
            <source>concluded</source>
            <translation>concluído</translation>
        </message>
        <message>
            <location line="+1" />
            <source>withdrawn from the outbox</source>
            <translation>retirado da fila de envio</translation>
        </message>
        <message>
            <location line="+1" />
            <source>sent</source>
            <translation>enviado</translation>
        </message>
        <message>
            <location line="+1" />
            <source>put back in the queue</source>
            <translation>devolvido à fila de envio</translation>
        </message>
        <message>
            <location line="+1" />
            <source>marked as received</source>
            <translation>marcado como recebido</translation>
        </message>
        <message>
            <location line="+1" />
            <source>accepted</source>
            <translation>aceito</translation>
        </message>
        <message>
            <location line="+1" />
            <source>returned for correction</source>
            <translation>devolvido para correção</translation>
        </message>
        <message>
            <location line="+1" />
            <source>reopened</source>
            <translation>reaberto</translation>
        </message>
        <message>
            <location line="+1" />
            <source>forwarded to the central level</source>
            <translation>encaminhado ao nível central</translation>
        </message>
        <message>
            <location line="+1" />
            <source>consolidated</source>
            <translation>consolidado</translation>
        </message>
    </context>
    <context>
        <name>ValidationEngine</name>
        <message>
            <location filename="../core/program/validation_engine.cpp" line="+24" />
            <source>This report belongs to the program “%1”, not to “%2”. Open it with the right program.</source>
            <translation>Este relatório pertence ao programa “%1”, e não a “%2”. Abra-o com o programa certo.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>The report has no valid month (competência). Choose the month of the report.</source>
            <translation>O relatório não tem uma competência válida. Escolha o mês do relatório.</translation>
        </message>
        <message>
            <location line="+10" />
            <location line="+36" />
            <source>This program does not accept a report without actions. Add at least one action.</source>
            <translation>Este programa não aceita relatório sem ações. Inclua pelo menos uma ação.</translation>
        </message>
        <message>
            <location line="-30" />
            <source>The report is marked “No actions this month” but has %1 actions. Remove the actions or unmark the option.</source>
            <translation>O relatório está marcado como “Sem ações no mês”, mas tem %1 ação(ões). Remova as ações ou desmarque a opção.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>Explain why there were no actions this month (at least %1 characters).</source>
            <translation>Explique por que não houve ações no mês (pelo menos %1 caracteres).</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The justification for no actions this month is too short (%1 characters). Explain the reason in at least %2 characters.</source>
            <translation>A justificativa de “sem ações no mês” está curta demais (%1 caracteres). Explique o motivo em pelo menos %2 caracteres.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>The report has no actions. Add at least one action, or mark “No actions this month” and explain why.</source>
            <translation>O relatório não tem ações. Inclua pelo menos uma ação ou marque “Sem ações no mês” e explique o motivo.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>The report has %1 actions; the program asks for at least %2. Add the missing actions.</source>
            <translation>O relatório tem %1 ação(ões); o programa pede pelo menos %2. Inclua as ações que faltam.</translation>
        </message>
        <message>
            <location line="+79" />
            <source>%1: you chose “%3” in “%2”. Describe it in “%4”.</source>
            <translation>%1: você escolheu “%3” em “%2”. Descreva em “%4”.</translation>
        </message>
        <message>
            <location line="+15" />
            <source>%1: the date %3 in “%2” is outside the month of the report (%4). Use a date from %5 to %6, or record the action in the report of its own month.</source>
            <translation>%1: a data %3 em “%2” está fora do mês do relatório (%4). Use uma data de %5 a %6 ou registre a ação no relatório do mês em que ela ocorreu.</translation>
        </message>
        <message>
            <location line="+15" />
            <source>%1: “%2” (%3) is before “%4” (%5). Correct one of the dates.</source>
            <translation>%1: “%2” (%3) é anterior a “%4” (%5). Corrija uma das datas.</translation>
        </message>
        <message>
            <location line="+23" />
            <source>%1: fill in “%2”; it is required by the answer given in “%3”.</source>
            <translation>%1: preencha “%2”; ele é obrigatório por causa da resposta dada em “%3”.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>%1, photo %2: it shows identifiable people, but no image-use authorization is on file. File the signed authorization (a guardian's for children) or replace the photo.</source>
            <translation>%1, foto %2: mostra pessoas identificáveis, mas não há autorização de uso de imagem arquivada. Arquive a autorização assinada (a do responsável legal, no caso de crianças) ou substitua a foto.</translation>
        </message>
        <message>
            <location line="+21" />
            <source>%1 has no photo. Add at least one photo as proof of the action.</source>
            <translation>%1 não tem foto. Inclua pelo menos uma foto como comprovação da ação.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>%1 has %2 photos; add at least %3 as proof of the action.</source>
            <translation>%1 tem %2 foto(s); inclua pelo menos %3 como comprovação da ação.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>%1 has %2 photos; the maximum is %3. Remove the extra photos.</source>
            <translation>%1 tem %2 fotos; o máximo é %3. Remova as fotos excedentes.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>%1, photo %2: the photo file is missing. Remove the photo and add it again.</source>
            <translation>%1, foto %2: o arquivo da foto não foi encontrado. Remova a foto e inclua-a novamente.</translation>
        </message>
        <message>
            <location line="+9" />
            <source>%1, photo %2: write a caption that describes the photo.</source>
            <translation>%1, foto %2: escreva uma legenda que descreva a foto.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>%1, photo %2: the caption has %3 characters; shorten it to at most %4.</source>
            <translation>%1, foto %2: a legenda tem %3 caracteres; reduza para no máximo %4.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>%1, photo %2: fill in the photo's author.</source>
            <translation>%1, foto %2: informe o autor da foto.</translation>
        </message>
        <message>
            <location filename="../core/program/validation_fields.cpp" line="+22" />
            <source>%1: link at least one partner in “%2”.</source>
            <translation>%1: vincule pelo menos um parceiro em “%2”.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>%1: choose an option in “%2”.</source>
            <translation>%1: escolha uma opção em “%2”.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>%1: fill in “%2”.</source>
            <translation>%1: preencha “%2”.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>%1: “%2” must be text. Enter it again.</source>
            <translation>%1: “%2” deve ser um texto. Digite-o novamente.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>%1: “%2” has %3 characters; shorten it to at most %4.</source>
            <translation>%1: “%2” tem %3 caracteres; reduza para no máximo %4.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>%1: “%2” is too short (%3 characters). Write at least %4 characters.</source>
            <translation>%1: “%2” está curto demais (%3 caracteres). Escreva pelo menos %4 caracteres.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>%1: “%2” is not a valid date. Enter it as dd/mm/yyyy.</source>
            <translation>%1: “%2” não é uma data válida. Digite-a no formato dd/mm/aaaa.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>%1: “%2” must be a whole number. Enter a number such as 25.</source>
            <translation>%1: “%2” deve ser um número inteiro. Digite um número, por exemplo 25.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>%1: “%2” must be a whole number, without decimals.</source>
            <translation>%1: “%2” deve ser um número inteiro, sem casas decimais.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>%1: “%2” must be at least %3.</source>
            <translation>%1: “%2” deve ser no mínimo %3.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>%1: “%2” must be at most %3. Check the value.</source>
            <translation>%1: “%2” deve ser no máximo %3. Confira o valor.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>%1: “%2” must be yes or no. Mark it again.</source>
            <translation>%1: “%2” deve ser sim ou não. Marque novamente.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>%1: “%2” has an invalid selection. Choose the option again.</source>
            <translation>%1: “%2” tem uma seleção inválida. Escolha a opção novamente.</translation>
        </message>
        <message>
            <location line="+11" />
            <source>%1: “%2” has an option that does not exist in this program (code “%3”). Choose an option from the list.</source>
            <translation>%1: “%2” tem uma opção que não existe neste programa (código “%3”). Escolha uma opção da lista.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>%1: the option “%3” in “%2” is no longer in use. Choose a current option if possible.</source>
            <translation>%1: a opção “%3” em “%2” não está mais em uso. Se possível, escolha uma opção atual.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>%1: choose at least %3 options in “%2”.</source>
            <translation>%1: escolha pelo menos %3 opções em “%2”.</translation>
        </message>
        <message>
            <location line="+5" />
            <source>%1: choose at most %3 options in “%2”.</source>
            <translation>%1: escolha no máximo %3 opções em “%2”.</translation>
        </message>
        <message>
            <location line="+12" />
            <source>%1: “%2” are not valid coordinates. Enter the latitude (-90 to 90) and the longitude (-180 to 180) again, or leave them empty.</source>
            <translation>%1: “%2” não são coordenadas válidas. Digite novamente a latitude (-90 a 90) e a longitude (-180 a 180) ou deixe o campo vazio.</translation>
        </message>
        <message>
            <location line="+17" />
            <source>%1: “%2” is not a known municipality code (%3). Choose the municipality from the list.</source>
            <translation>%1: “%2” não é um código de município conhecido (%3). Escolha o município na lista.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>%1: “%2” is not a known health region code (%3). Choose the health region from the list.</source>
            <translation>%1: “%2” não é um código de região de saúde conhecido (%3). Escolha a região de saúde na lista.</translation>
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
            <translation>DADOS DE DEMONSTRAÇÃO — não são relatórios reais</translation>
        </message>
        <message>
            <location line="+11" />
            <source>Sections</source>
            <translation>Seções</translation>
        </message>
        <message>
            <location line="+16" />
            <source>Reports</source>
            <translation>Relatórios</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Partners</source>
            <translation>Parceiros</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Synchronization</source>
            <translation>Sincronização</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Panel</source>
            <translation>Painel</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Settings</source>
            <translation>Configurações</translation>
        </message>
        <message>
            <location line="+23" />
            <source>%1 (Ctrl+%2)</source>
            <translation>%1 (Ctrl+%2)</translation>
        </message>
        <message>
            <location line="+30" />
            <source>Municipal Health Secretariat of %1</source>
            <translation>Secretaria Municipal de Saúde de %1</translation>
        </message>
        <message>
            <location line="+1" />
            <source>URS %1 · %2</source>
            <translation>URS %1 · %2</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Mobiliza — %1 (demonstration)</source>
            <translation>Mobiliza — %1 (demonstração)</translation>
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
            <translation>Bem-vindo ao Mobiliza</translation>
        </message>
        <message>
            <location line="+3" />
            <source>&lt;b&gt;Which municipality does this installation report for?&lt;/b&gt;&lt;br&gt;Type part of the name or the IBGE code. Accents and hyphens are not needed. This choice is made once for this profile.</source>
            <translation>&lt;b&gt;De qual município são os relatórios desta instalação?&lt;/b&gt;&lt;br&gt;Digite parte do nome ou o código IBGE. Não precisa de acentos nem hífens. Esta escolha é feita uma única vez para este perfil.</translation>
        </message>
        <message>
            <location line="+7" />
            <source>e.g. Sao Joao del Rei, Conego Marinho, 3106200</source>
            <translation>ex.: Sao Joao del Rei, Conego Marinho, 3106200</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Search municipality</source>
            <translation>Buscar município</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Municipalities found</source>
            <translation>Municípios encontrados</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Use this municipality</source>
            <translation>Usar este município</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Cancel</source>
            <translation>Cancelar</translation>
        </message>
        <message>
            <location line="+55" />
            <source>%1 (IBGE %2) — URS %3</source>
            <translation>%1 (IBGE %2) — URS %3</translation>
        </message>
        <message>
            <location line="+15" />
            <source>No municipality of Minas Gerais matches "%1". Check the spelling or type the 7-digit IBGE code.</source>
            <translation>Nenhum município de Minas Gerais corresponde a "%1". Confira a grafia ou digite o código IBGE de 7 dígitos.</translation>
        </message>
        <message>
            <location line="+10" />
            <source>&lt;b&gt;%1&lt;/b&gt; — regional health unit (URS): %2; health region: %3.</source>
            <translation>&lt;b&gt;%1&lt;/b&gt; — Unidade Regional de Saúde (URS): %2; região de saúde: %3.</translation>
        </message>
        <message>
            <location line="+4" />
            <source>The URS of this municipality is being confirmed by SES-MG; it will be updated automatically with the reference table.</source>
            <translation>A URS deste município está em confirmação pela SES-MG; ela será atualizada automaticamente com a tabela de referência.</translation>
        </message>
    </context>
    <context>
        <name>mobiliza::ui::PanelPage</name>
        <message>
            <location filename="../app/ui/pages/panel_page.cpp" line="+40" />
            <source>Panel</source>
            <translation>Painel</translation>
        </message>
        <message>
            <location line="+1" />
            <source>The last 12 months of this municipality at a glance.</source>
            <translation>Os últimos 12 meses do município, num relance.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>months of the last 12 concluded or sent</source>
            <translation>meses, dos últimos 12, concluídos ou enviados</translation>
        </message>
        <message>
            <location line="+1" />
            <source>actions recorded in the last 12 months</source>
            <translation>ações registradas nos últimos 12 meses</translation>
        </message>
        <message>
            <location line="+1" />
            <source>proof photos in the last 12 months</source>
            <translation>fotos de comprovação nos últimos 12 meses</translation>
        </message>
        <message>
            <location line="+5" />
            <source>Month</source>
            <translation>Mês</translation>
        </message>
        <message>
            <location line="+0" />
            <source>State</source>
            <translation>Situação</translation>
        </message>
        <message>
            <location line="+0" />
            <source>Actions</source>
            <translation>Ações</translation>
        </message>
        <message>
            <location line="+30" />
            <source>not started</source>
            <translation>não iniciado</translation>
        </message>
        <message>
            <location line="+17" />
            <source>%1 of 12</source>
            <translation>%1 de 12</translation>
        </message>
    </context>
    <context>
        <name>mobiliza::ui::PartnerListModel</name>
        <message>
            <location filename="../app/ui/models/partner_list_model.cpp" line="+77" />
            <source>Name</source>
            <translation>Nome</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Kind</source>
            <translation>Tipo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Sector</source>
            <translation>Setor</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Stage</source>
            <translation>Estágio</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Municipality</source>
            <translation>Município</translation>
        </message>
    </context>
    <context>
        <name>mobiliza::ui::PartnersPage</name>
        <message>
            <location filename="../app/ui/pages/partners_page.cpp" line="+20" />
            <source>Health partners</source>
            <translation>Parceiros da Saúde</translation>
        </message>
        <message>
            <location line="+1" />
            <source>People, organizations and groups that work with the health secretariat on mobilization: mapped, sensitized, active or inactive.</source>
            <translation>Pessoas, instituições e grupos que atuam com a secretaria de saúde na mobilização: mapeados, sensibilizados, com parceria ativa ou inativos.</translation>
        </message>
        <message>
            <location line="+6" />
            <source>Search by name, contact, sector or municipality</source>
            <translation>Buscar por nome, contato, setor ou município</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Search partners</source>
            <translation>Buscar parceiros</translation>
        </message>
        <message>
            <location line="+20" />
            <source>Partners</source>
            <translation>Parceiros</translation>
        </message>
        <message numerus="yes">
            <location line="+15" />
            <source>%n partner(s)</source>
            <translation>
                <numerusform>%n parceiro</numerusform>
                <numerusform>%n parceiros</numerusform>
            </translation>
        </message>
        <message>
            <location line="+1" />
            <source>%1 of %2 partners</source>
            <translation>%1 de %2 parceiros</translation>
        </message>
    </context>
    <context>
        <name>mobiliza::ui::ReportListModel</name>
        <message>
            <location filename="../app/ui/models/report_list_model.cpp" line="+21" />
            <source>%1 %2</source>
            <extracomment>Month title, e.g. "November 2026"; %1 is the month name, %2 the year.</extracomment>
            <translation>%1 de %2</translation>
        </message>
        <message>
            <location line="+51" />
            <source>none (justified)</source>
            <translation>nenhuma (justificado)</translation>
        </message>
        <message>
            <location line="+4" />
            <source>%1 — late</source>
            <translation>%1 — atrasado</translation>
        </message>
        <message>
            <location line="+25" />
            <source>Report of %1, %2</source>
            <translation>Relatório de %1, %2</translation>
        </message>
        <message>
            <location line="+15" />
            <source>Month</source>
            <translation>Mês</translation>
        </message>
        <message>
            <location line="+1" />
            <source>State</source>
            <translation>Situação</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Revision</source>
            <translation>Revisão</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Actions</source>
            <translation>Ações</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Photos</source>
            <translation>Fotos</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Deadline</source>
            <translation>Prazo</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Last change</source>
            <translation>Última alteração</translation>
        </message>
    </context>
    <context>
        <name>mobiliza::ui::ReportsPage</name>
        <message>
            <location filename="../app/ui/pages/reports_page.cpp" line="+21" />
            <location line="+26" />
            <source>Monthly reports</source>
            <translation>Relatórios mensais</translation>
        </message>
        <message>
            <location line="-25" />
            <source>One report per month. A month without actions is also reported, with a justification. Concluded reports wait in the outbox until they can be sent.</source>
            <translation>Um relatório por mês. Um mês sem ações também é informado, com justificativa. Os relatórios concluídos aguardam na fila de envio até poderem ser enviados.</translation>
        </message>
        <message>
            <location line="+28" />
            <source>No report yet. Start with the current month: every action you record is saved at once, even without internet.</source>
            <translation>Ainda não há relatórios. Comece pelo mês atual: cada ação registrada é salva na hora, mesmo sem internet.</translation>
        </message>
        <message>
            <location line="+22" />
            <source>Create the report of %1</source>
            <translation>Criar o relatório de %1</translation>
        </message>
    </context>
    <context>
        <name>mobiliza::ui::SettingsPage</name>
        <message>
            <location filename="../app/ui/pages/settings_page.cpp" line="+31" />
            <source>Settings</source>
            <translation>Configurações</translation>
        </message>
        <message>
            <location line="+0" />
            <source>This installation, its profile and its data.</source>
            <translation>Esta instalação, seu perfil e seus dados.</translation>
        </message>
        <message>
            <location line="+2" />
            <source>Profile</source>
            <translation>Perfil</translation>
        </message>
        <message>
            <location line="+9" />
            <source>Municipality:</source>
            <translation>Município:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Regional health unit (URS):</source>
            <translation>Unidade Regional de Saúde (URS):</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Health region / macro-region:</source>
            <translation>Região de saúde / macrorregião:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Program:</source>
            <translation>Programa:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Data folder:</source>
            <translation>Pasta de dados:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Installation:</source>
            <translation>Instalação:</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Reference table:</source>
            <translation>Tabela de referência:</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Language</source>
            <translation>Idioma</translation>
        </message>
        <message>
            <location line="+7" />
            <source>Interface language:</source>
            <translation>Idioma da interface:</translation>
        </message>
        <message>
            <location line="+4" />
            <source>Privacy (LGPD)</source>
            <translation>Privacidade (LGPD)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>Mobiliza records the municipality's mobilization actions, their proof photos and the partners register, to report them to the regional health unit and to SES-MG (purpose). The controller is the municipal health secretariat that uses this installation. Photos of identifiable people and partners' contacts are personal data: record whether image-use authorization is on file, collect only the contacts you need, and erase a partner's data on request. Data stays on this computer until it is sent to the URS; what is sent for the panel carries no partner CPF, phone or e-mail. Questions: the data protection officer of your secretariat.</source>
            <translation>O Mobiliza registra as ações de mobilização do município, suas fotos de comprovação e o cadastro de parceiros, para informá-los à Unidade Regional de Saúde e à SES-MG (finalidade). O controlador é a secretaria municipal de saúde que usa esta instalação. Fotos de pessoas identificáveis e contatos de parceiros são dados pessoais: registre se a autorização de uso de imagem está arquivada, colete apenas os contatos necessários e apague os dados de um parceiro quando ele pedir. Os dados ficam neste computador até serem enviados à URS; o que vai para o painel não leva CPF, telefone nem e-mail de parceiros. Dúvidas: o encarregado de proteção de dados da sua secretaria.</translation>
        </message>
        <message>
            <location line="+19" />
            <source>Saved. The new language is used the next time Mobiliza starts.</source>
            <translation>Salvo. O novo idioma será usado na próxima vez que o Mobiliza for aberto.</translation>
        </message>
        <message>
            <location line="+13" />
            <source>%1 (IBGE %2)</source>
            <translation>%1 (IBGE %2)</translation>
        </message>
        <message>
            <location line="+1" />
            <source>%1 (being confirmed by SES-MG)</source>
            <translation>%1 (em confirmação pela SES-MG)</translation>
        </message>
        <message>
            <location line="+3" />
            <source>%1 / %2</source>
            <translation>%1 / %2</translation>
        </message>
        <message>
            <location line="+6" />
            <source>version %1, published on %2</source>
            <translation>versão %1, publicada em %2</translation>
        </message>
    </context>
    <context>
        <name>mobiliza::ui::SyncPage</name>
        <message>
            <location filename="../app/ui/pages/sync_page.cpp" line="+18" />
            <source>Synchronization</source>
            <translation>Sincronização</translation>
        </message>
        <message>
            <location line="+1" />
            <source>Concluded reports are kept on this computer and sent to the regional health unit when there is a connection. Nothing is lost while offline.</source>
            <translation>Os relatórios concluídos ficam guardados neste computador e são enviados à Unidade Regional de Saúde quando houver conexão. Nada se perde enquanto estiver sem internet.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>&lt;b&gt;Not connected to a hub yet.&lt;/b&gt; This installation has not been enrolled with its URS. Reports stay safely in the outbox below.</source>
            <translation>&lt;b&gt;Ainda não conectado a um hub.&lt;/b&gt; Esta instalação ainda não foi cadastrada na sua URS. Os relatórios ficam guardados com segurança na fila de envio abaixo.</translation>
        </message>
        <message>
            <location line="+8" />
            <source>Outbox</source>
            <translation>Fila de envio</translation>
        </message>
        <message>
            <location line="+18" />
            <source>%1 — revision %2 — %3 actions, %4 photos — waiting to be sent</source>
            <translation>%1 — revisão %2 — %3 ações, %4 fotos — aguardando envio</translation>
        </message>
        <message>
            <location line="+6" />
            <source>The outbox is empty.</source>
            <translation>A fila de envio está vazia.</translation>
        </message>
        <message numerus="yes">
            <location line="+1" />
            <source>%n report(s) waiting in the outbox.</source>
            <translation>
                <numerusform>%n relatório aguardando na fila de envio.</numerusform>
                <numerusform>%n relatórios aguardando na fila de envio.</numerusform>
            </translation>
        </message>
    </context>
</TS>
