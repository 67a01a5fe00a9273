#include "core/demo/demo_content.h"

#include <QBuffer>
#include <QImage>
#include <QJsonArray>
#include <QPainter>

namespace mobiliza::core::demo {

namespace {

// Realistic content for SES-MG mobilization actions (data, in Portuguese, like
// what a municipal reference would type; marked as demonstration in the profile).
struct Sample
{
    const char *title;
    const char *place;
    const char *description;
    const char *theme;  // code in the program's themes catalogue (if it has it)
    const char *format; // code in the formats catalogue (if it has it)
    const char *audience; // codes in the público-alvo catalogue, comma-separated: who the action is for
};

const Sample kSamples[] = {
    {"Dia D de combate ao Aedes aegypti", "Bairro Centro e Vila Nova",
     "Mutirão casa a casa com agentes de endemias e voluntários: eliminação de criadouros, "
     "orientação aos moradores e distribuição de folhetos da campanha estadual.",
     "arboviroses", "mutirao", "1"},
    {"Roda de conversa sobre saúde mental na escola", "Escola Estadual Padre Anchieta",
     "Roda de conversa com estudantes do ensino médio sobre ansiedade, sinais de alerta e onde "
     "buscar ajuda na rede (CAPS e Unidade Básica de Saúde).",
     "saude_mental", "roda_conversa", "5,17"},
    {"Blitz educativa Outubro Rosa", "Praça da Matriz",
     "Abordagem de mulheres na praça com orientação sobre autoexame, agendamento de mamografias "
     "e entrega de material informativo.",
     "cancer_mama", "blitz_educativa", "6"},
    {"Caminhada Novembro Azul", "Avenida Brasil até o Parque Municipal",
     "Caminhada com homens da comunidade e servidores, com aferição de pressão arterial e "
     "orientação sobre prevenção do câncer de próstata.",
     "saude_homem", "evento_caminhada", "8"},
    {"Palestra sobre vacinação na associação de bairro", "Associação Comunitária do Bairro Esperança",
     "Palestra sobre o calendário vacinal e a importância de atualizar a caderneta; encaminhamento "
     "de 12 pessoas para a sala de vacina.",
     "vacinacao", "palestra", "1,10"},
    {"Mobilização digital: campanha de vacinação contra gripe", "Redes sociais da prefeitura",
     "Publicação de cards e vídeos curtos da campanha; parceria com a rádio local para chamadas "
     "durante a semana de vacinação.",
     "vacinacao", "mobilizacao_digital", "1"},
    {"Oficina de alimentação saudável com gestantes", "UBS São José",
     "Oficina prática com gestantes do pré-natal sobre alimentação saudável e aleitamento materno.",
     "alimentacao_saudavel", "oficina_capacitacao", "7"},
    {"Reunião intersetorial sobre prevenção da dengue", "Câmara Municipal",
     "Reunião com Educação, Obras, Assistência Social e lideranças comunitárias para planejar o "
     "mutirão de limpeza e a divulgação nas escolas.",
     "arboviroses", "reuniao_intersetorial", "1"},
    {"Teatro na escola: prevenção de acidentes com escorpiões", "Escola Municipal Monteiro Lobato",
     "Apresentação teatral para alunos do fundamental sobre prevenção e primeiros socorros em "
     "acidentes com escorpiões.",
     "saude_escola", "teatro_arte", "4"},
    {"Ação em saúde do trabalhador rural", "Comunidade rural do Córrego Fundo",
     "Ação com trabalhadores rurais sobre uso seguro de agrotóxicos, vacinação e hipertensão, "
     "com a equipe de Saúde da Família.",
     "saude_trabalhador", "acao_escola", "8,6"},
    {"Setembro Amarelo: valorização da vida", "Centro de Referência de Assistência Social",
     "Encontro aberto sobre prevenção do suicídio, com psicóloga do NASF e escuta qualificada.",
     "saude_mental", "roda_conversa", "1,16"},
    {"Mutirão de hanseníase: busca ativa", "Distrito de Santa Rita",
     "Busca ativa com exame de contatos e orientação sobre sinais da hanseníase; material da SES-MG.",
     "hanseniase", "mutirao", "1,9"},
};

QList<CatalogueEntry> pickable(const ProgramDefinition &program, const FieldDefinition &f)
{
    QList<CatalogueEntry> out;
    for (const auto &e : program.catalogue(f.catalogue))
        if (e.active && e.code != f.otherValue)
            out << e;
    return out;
}

// The sample's audience, the codes this program's catalogue has (the apoio program's differs).
QJsonArray audienceOf(const ProgramDefinition &program, const FieldDefinition &f, const Sample &s)
{
    QJsonArray codes;
    for (const QString &code : QString::fromLatin1(s.audience).split(QLatin1Char(',')))
        if (program.catalogueEntry(f.catalogue, code))
            codes.append(code);
    return codes;
}

} // namespace

int sampleCount()
{
    return int(std::size(kSamples));
}

QString sampleTitle(int sample)
{
    return QString::fromUtf8(kSamples[sample % sampleCount()].title);
}

QJsonObject actionValues(const ProgramDefinition &program, int sample, const QDate &date,
                         const QString &municipality, QRandomGenerator &rng)
{
    const Sample &s = kSamples[sample % sampleCount()];
    QJsonObject values;
    for (const auto &f : program.fields()) {
        if (!f.companionOf.isEmpty())
            continue;
        if (f.role == field_role::Title)
            values[f.id] = QString::fromUtf8(s.title);
        else if (f.role == field_role::Description)
            values[f.id] = QString::fromUtf8(s.description);
        else if (f.role == field_role::Place)
            values[f.id] = QString::fromUtf8(s.place);
        else if (f.type == field_type::Date && f.role == field_role::Date)
            values[f.id] = date.toString(Qt::ISODate);
        else if (f.role == field_role::PeopleReached) {
            values[f.id] = 15 + int(rng.bounded(380));
            if (!f.estimateField.isEmpty())
                values[f.estimateField] = rng.bounded(3) == 0;
        } else if (f.role == field_role::Materials && rng.bounded(2) == 0)
            values[f.id] = QStringLiteral("Folhetos e cartazes da campanha da SES-MG");
        else if (f.role == field_role::Format && program.catalogueEntry(f.catalogue, QString::fromLatin1(s.format)))
            values[f.id] = QString::fromLatin1(s.format);
        else if (f.role == field_role::Themes && program.catalogueEntry(f.catalogue, QString::fromLatin1(s.theme)))
            values[f.id] = QJsonArray{QString::fromLatin1(s.theme)};
        else if (f.role == field_role::Audience && !audienceOf(program, f, s).isEmpty()) {
            values[f.id] = audienceOf(program, f, s);
            // The draws a random audience took before: every other demo figure (people
            // reached, photos, dates) stays what the guide, screenshots and tests show.
            const int n = qMin(int(pickable(program, f).size()), 1 + int(rng.bounded(2)));
            for (int k = 0; k < n; ++k)
                rng.bounded(int(pickable(program, f).size()));
        } else if (f.type == field_type::Choice && f.required) {
            const auto entries = pickable(program, f);
            if (!entries.isEmpty())
                values[f.id] = entries.at(int(rng.bounded(int(entries.size())))).code;
        } else if (f.type == field_type::MultiChoice && f.required) {
            const auto entries = pickable(program, f);
            QJsonArray codes;
            const int n = qMin(int(entries.size()), 1 + int(rng.bounded(2)));
            for (int k = 0; k < n; ++k) {
                const QString code = entries.at(int(rng.bounded(int(entries.size())))).code;
                if (!codes.contains(code))
                    codes.append(code);
            }
            values[f.id] = codes;
        } else if (f.type == field_type::Municipality && f.required)
            values[f.id] = municipality;
        else if (f.required && f.isTextual())
            values[f.id] = QStringLiteral("Informação de demonstração");
    }
    return values;
}

QByteArray makePhoto(QRandomGenerator &rng, int index)
{
    QImage image(960, 720, QImage::Format_RGB32);
    const QColor sky = QColor::fromHsv(int(rng.bounded(360)), 60 + int(rng.bounded(80)), 200 + int(rng.bounded(55)));
    QPainter p(&image);
    QLinearGradient g(0, 0, 0, image.height());
    g.setColorAt(0, sky);
    g.setColorAt(1, sky.darker(160));
    p.fillRect(image.rect(), g);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(60, 130, 70));
    p.drawRect(0, 520, 960, 200);
    for (int i = 0; i < 6 + index % 5; ++i) { // people
        const int x = 80 + int(rng.bounded(800));
        const int h = 120 + int(rng.bounded(80));
        p.setBrush(QColor::fromHsv(int(rng.bounded(360)), 160, 200));
        p.drawRoundedRect(x, 560 - h, 46, h, 12, 12);
        p.setBrush(QColor(240, 200, 170));
        p.drawEllipse(QPoint(x + 23, 560 - h - 22), 22, 22);
    }
    p.setBrush(QColor(255, 255, 255, 220)); // banner
    p.drawRoundedRect(260, 80, 440, 90, 10, 10);
    p.setBrush(QColor(200, 40, 40));
    p.drawRect(285, 105, 40, 40);
    p.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 80);
    return bytes;
}

} // namespace mobiliza::core::demo
