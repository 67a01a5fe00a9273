#include "core/demo/apoio_demo.h"

#include "core/demo/demo_content.h"
#include "core/reference/brazil_reference.h"
#include "core/regional/replica_service.h"
#include "core/services/report_service.h"
#include "core/services/services.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSet>
#include <QTimeZone>

namespace mobiliza::core {

namespace {

// What an apoio action of the Rede Colaborativa looks like, in the words a report of
// "apoio institucional" uses. Each sample fixes the type and mode; the rest is drawn.
struct ApoioSample
{
    const char *type;     // tipos_apoio
    const char *mode;     // aprendizagem_70_20_10
    const char *modality; // modalidades
    const char *activities;
    const char *results;
    const char *difficulties; // may be empty
};

const ApoioSample kSamples[] = {
    {"visita_tecnica", "pratica", "presencial",
     "Visita técnica à Secretaria Municipal de Saúde para revisar com a equipe de planejamento a "
     "Programação Anual de Saúde e o Relatório Detalhado do Quadrimestre Anterior (RDQA).",
     "A equipe revisou as metas da PAS e corrigiu os indicadores do RDQA antes do envio ao "
     "conselho municipal.",
     "A secretária de saúde assumiu há dois meses e a equipe técnica é pequena."},
    {"reuniao_cir", "interacao_social", "presencial",
     "Reunião da Comissão Intergestores Regional (CIR) com pauta de regionalização: pactuação dos "
     "fluxos de referência para a atenção especializada.",
     "Os gestores pactuaram o fluxo de encaminhamento para cardiologia e oftalmologia na região.",
     "Três municípios não enviaram representante à reunião."},
    {"oficina", "aprendizado_formal", "presencial",
     "Oficina sobre financiamento da atenção primária: componentes de capitação ponderada, "
     "pagamento por desempenho e incentivos para ações estratégicas.",
     "Os participantes simularam o repasse do próprio município e identificaram as equipes sem "
     "cadastro atualizado.",
     ""},
    {"mentoria", "pratica", "virtual",
     "Mentoria com o gestor municipal sobre a execução das emendas parlamentares de custeio e a "
     "prestação de contas no fundo municipal de saúde.",
     "O gestor organizou o cronograma de execução e a documentação da prestação de contas.",
     "A conexão caiu duas vezes durante a reunião virtual."},
    {"grupo_discussao", "interacao_social", "virtual",
     "Grupo de discussão entre apoiadores e técnicos de vigilância sobre a resposta às "
     "arboviroses e a sala de situação municipal.",
     "Os municípios compartilharam os planos de contingência e combinaram um painel comum de "
     "casos.",
     ""},
    {"encontro", "interacao_social", "hibrido",
     "Encontro regional de secretários municipais de saúde para discutir o planejamento regional "
     "integrado e o papel da CIR.",
     "Foi aprovada uma agenda de reuniões preparatórias para o planejamento regional integrado.",
     "Parte dos gestores participou a distância, com dificuldade de áudio."},
    {"visita_tecnica", "pratica", "presencial",
     "Apoio à elaboração do Plano Municipal de Saúde: análise da situação de saúde e definição "
     "das diretrizes com a equipe da secretaria.",
     "A análise de situação foi concluída e as diretrizes foram levadas à conferência municipal.", ""},
    {"oficina", "aprendizado_formal", "virtual",
     "Oficina sobre os instrumentos de gestão do SUS no DigiSUS Gestor: prazos, fluxo de "
     "aprovação e alimentação do módulo de planejamento.",
     "Todos os municípios presentes conferiram a situação dos seus instrumentos no sistema.",
     "Alguns técnicos não tinham acesso ao sistema no dia."},
    {"mentoria", "pratica", "presencial",
     "Acompanhamento da equipe de atenção primária na reorganização da agenda das equipes de "
     "saúde da família e do acesso avançado.",
     "As unidades passaram a reservar horários para demanda espontânea; a fila de espera caiu.", ""},
    {"reuniao_cir", "interacao_social", "hibrido",
     "Reunião da CIR para acompanhamento da vigilância em saúde: cobertura vacinal e investigação "
     "de óbitos infantis.",
     "A CIR criou um grupo técnico regional para acompanhar a cobertura vacinal mês a mês.",
     "Os dados de cobertura de dois municípios estavam desatualizados."},
};

struct ApoioReferral
{
    const char *description;
    const char *responsible;
};

const ApoioReferral kReferrals[] = {
    {"Enviar ao COSEMS a versão revisada da Programação Anual de Saúde", "Secretaria Municipal de Saúde"},
    {"Agendar nova reunião da CIR para validar o fluxo pactuado", "Secretaria executiva da CIR"},
    {"Atualizar o cadastro das equipes no sistema do Ministério", "Coordenação da atenção primária"},
    {"Compartilhar o modelo de plano de contingência com os municípios", "Apoiador(a) do COSEMS"},
    {"Levar a proposta de agenda ao conselho municipal de saúde", "Gestor(a) municipal"},
    {"Organizar a prestação de contas das emendas de custeio", "Fundo Municipal de Saúde"},
    {"Revisar os indicadores do RDQA com a equipe técnica", "Equipe de planejamento"},
};

const char *const kTopicCodes[] = {"gestao_sus",           "planejamento",     "regionalizacao",
                                   "financiamento",        "atencao_primaria", "vigilancia",
                                   "emendas_parlamentares"};

QJsonArray municipalitiesOf(const QList<BrMunicipality> &all, QRandomGenerator &rng, int count)
{
    QJsonArray codes;
    QSet<QString> taken;
    while (codes.size() < count && taken.size() < all.size()) {
        const BrMunicipality &m = all.at(int(rng.bounded(int(all.size()))));
        if (!taken.contains(m.ibge)) {
            taken.insert(m.ibge);
            codes.append(m.ibge);
        }
    }
    return codes;
}

QJsonObject apoioValues(const ApoioSample &s, const QDate &date, const QDate &lastDay, const QString &uf,
                        const QList<BrMunicipality> &municipalities, const QDate &today,
                        QRandomGenerator &rng)
{
    QJsonObject v;
    v[QStringLiteral("date")] = date.toString(Qt::ISODate);
    if ((QLatin1String(s.type) == QLatin1String("oficina") ||
         QLatin1String(s.type) == QLatin1String("encontro")) &&
        date < lastDay)
        v[QStringLiteral("end_date")] = date.addDays(1).toString(Qt::ISODate);
    v[QStringLiteral("uf")] = uf;
    const bool region = QLatin1String(s.type) == QLatin1String("reuniao_cir") || rng.bounded(5) == 0;
    v[QStringLiteral("scope")] = region ? QStringLiteral("regiao_saude") : QStringLiteral("municipios");
    if (region) {
        const BrMunicipality &seat = municipalities.at(int(rng.bounded(int(municipalities.size()))));
        v[QStringLiteral("health_region")] = QStringLiteral("Região de Saúde de %1 (CIR %1)").arg(seat.name);
        v[QStringLiteral("municipalities")] = municipalitiesOf(municipalities, rng, 3 + int(rng.bounded(6)));
    } else {
        v[QStringLiteral("municipalities")] = municipalitiesOf(municipalities, rng, 1 + int(rng.bounded(3)));
    }
    v[QStringLiteral("support_type")] = QString::fromLatin1(s.type);
    v[QStringLiteral("modality")] = QString::fromLatin1(s.modality);
    v[QStringLiteral("learning_mode")] = QString::fromLatin1(s.mode);
    const int gestores = 1 + int(rng.bounded(region ? 12 : 3));
    const int tecnicos = int(rng.bounded(region ? 20 : 8));
    const int apoiadores = 1 + int(rng.bounded(2));
    const int outros = int(rng.bounded(4));
    v[QStringLiteral("participants_gestores")] = gestores;
    v[QStringLiteral("participants_tecnicos")] = tecnicos;
    v[QStringLiteral("participants_apoiadores")] = apoiadores;
    v[QStringLiteral("participants_outros")] = outros;
    v[QStringLiteral("participants")] = gestores + tecnicos + apoiadores + outros;
    QJsonArray topics;
    const int first = int(rng.bounded(int(std::size(kTopicCodes))));
    const int count = 1 + int(rng.bounded(3));
    for (int i = 0; i < count; ++i)
        topics.append(QString::fromLatin1(kTopicCodes[(first + i * 2) % std::size(kTopicCodes)]));
    v[QStringLiteral("topics")] = topics;
    v[QStringLiteral("activities")] = QString::fromUtf8(s.activities);
    v[QStringLiteral("results")] = QString::fromUtf8(s.results);
    if (*s.difficulties)
        v[QStringLiteral("difficulties")] = QString::fromUtf8(s.difficulties);
    // Encaminhamentos: most actions leave one or two; the older ones are mostly done, and
    // some whose follow-up date passed are still open (late).
    QJsonArray referrals;
    const int referralCount = int(rng.bounded(3));
    for (int i = 0; i < referralCount; ++i) {
        const ApoioReferral &r = kReferrals[rng.bounded(int(std::size(kReferrals)))];
        const QDate followUp = date.addDays(15 + int(rng.bounded(46)));
        QJsonObject item{{QStringLiteral("description"), QString::fromUtf8(r.description)},
                         {QStringLiteral("responsible"), QString::fromUtf8(r.responsible)},
                         {QStringLiteral("follow_up"), followUp.toString(Qt::ISODate)}};
        const QDate doneOn = followUp.addDays(-int(rng.bounded(10)));
        if (doneOn <= today && rng.bounded(3) != 0) {
            item[QStringLiteral("done")] = true;
            item[QStringLiteral("done_on")] = doneOn.toString(Qt::ISODate);
        }
        referrals.append(item);
    }
    if (!referrals.isEmpty())
        v[QStringLiteral("referrals")] = referrals;
    return v;
}

} // namespace

Result<DemoSummary> seedApoioRecords(Services &services, const ProgramDefinition &program, const Clock &clock,
                                     DemoSummary summary)
{
    auto &reports = services.reports();
    const QString uf = services.profile().uf();
    const QString apoiador = services.profile().reportingUnit();
    const QList<BrMunicipality> municipalities = BrazilReference::embedded().municipalitiesOf(uf);
    if (municipalities.isEmpty())
        return Error{QStringLiteral("no_uf"),
                     QCoreApplication::translate(
                         "DemoData", "Choose the profile's state before adding demonstration data.")};
    const QDate today = clock.today();
    QRandomGenerator rng(quint32(qHash(apoiador) ^ quint32(today.year() * 100 + today.month())));

    // A year: the three quadrimestres before the current one concluded, the current one a draft.
    const Period current = program.periodOf(today);
    QList<Period> periods{current};
    while (periods.size() < 4)
        periods.prepend(periods.constFirst().previous());

    int sample = int(rng.bounded(int(std::size(kSamples))));
    for (const Period &period : std::as_const(periods)) {
        const auto created = reports.createReport(program.id(), period);
        if (!created)
            return created.error();
        ++summary.reports;
        const bool isCurrent = period == current;
        const QDate lastDay = isCurrent ? today : period.lastDay();
        const int days = int(period.firstDay().daysTo(lastDay)) + 1;
        const int actions = isCurrent ? qMin(4 + int(rng.bounded(3)), 1 + days / 7) : 7 + int(rng.bounded(6));
        for (int a = 0; a < actions; ++a) {
            const ApoioSample &s = kSamples[sample++ % std::size(kSamples)];
            const QDate date = period.firstDay().addDays(int(rng.bounded(days)));
            const auto action = reports.addAction(
                created.value().uuid, apoioValues(s, date, lastDay, uf, municipalities, today, rng));
            if (!action)
                return action.error();
            ++summary.actions;
            if (rng.bounded(3) != 0)
                continue; // photos are optional in this program: one action in three has one
            const QByteArray jpeg = demo::makePhoto(rng, summary.photos);
            const auto sha = services.blobs().put(jpeg);
            if (!sha)
                return sha.error();
            Photo meta;
            meta.sha256 = sha.value();
            meta.caption = QStringLiteral("Registro da ação de apoio — %1")
                               .arg(date.toString(QStringLiteral("dd/MM/yyyy")));
            meta.takenOn = date;
            meta.author = QStringLiteral("Apoiador(a) do COSEMS (demonstração)");
            meta.width = demo::kPhotoWidth;
            meta.height = demo::kPhotoHeight;
            meta.bytes = jpeg.size();
            const auto added = reports.addPhoto(action.value().uuid, meta);
            if (!added)
                return added.error();
            ++summary.photos;
        }
        if (!isCurrent)
            if (const auto concluded = reports.conclude(created.value().uuid); !concluded)
                return concluded.error();
    }
    return summary;
}

namespace {

// The names the demonstration's apoiadores go by: eight per state, the first state's the
// first eight (its COSEMS's demonstration and the CONASEMS's name Bahia's people alike).
const char *const kApoiadorNames[] = {
    "Maria Souza",    "João Lima",       "Ana Prado",        "Carlos Menezes",
    "Beatriz Rocha",  "Rafael Nunes",    "Juliana Teixeira", "Paulo Andrade",
    "Fernanda Alves", "Marcos Ribeiro",  "Luciana Barros",   "Tiago Moura",
    "Patrícia Lopes", "Eduardo Freitas", "Camila Duarte",    "Roberto Cardoso"};
constexpr int kApoiadoresPerState = 8;

// The states the CONASEMS's demonstration copy holds: one or two of each region.
const char *const kConasemsDemoStates[] = {"BA", "PE", "CE", "PA", "MG", "SP", "RS", "GO"};

struct ReplicaSeed
{
    QList<RosterEntry> roster;
    QList<ReplicaRevision> entries;
    QList<QPair<ReplicaRevision, QByteArray>> manifests;
    qint64 cursor = 0;
    DemoSummary summary;
};

// One state's apoiadores, their reports of the four quadrimestres before the current one and
// their roster entries. Drawn from the state and the month only: a state's figures are the
// same in its COSEMS's demonstration and in the CONASEMS's.
void seedStateReplica(ReplicaSeed &seed, const ProgramDefinition &program, const Clock &clock,
                      const QString &uf, int nameOffset)
{
    const QList<BrMunicipality> municipalities = BrazilReference::embedded().municipalitiesOf(uf);
    const QDate today = clock.today();
    const QDateTime now = clock.now().toUTC();
    QRandomGenerator rng(quint32(qHash(uf)) ^ quint32(today.year() * 100 + today.month()));
    const Period newest = program.periodOf(today).previous();
    QList<Period> periods{newest};
    while (periods.size() < 4)
        periods.prepend(periods.constFirst().previous());

    constexpr int kJoinedLate = 6; // joined during the newest quadrimestre
    constexpr int kLeft = 7;       // left after the first two quadrimestres (tokens revoked)
    int sample = int(rng.bounded(int(std::size(kSamples))));
    for (int i = 0; i < kApoiadoresPerState; ++i) {
        const QString unit = apoiadorIdFor(QString::fromLatin1(
            QCryptographicHash::hash((uf + QString::number(i)).toUtf8(), QCryptographicHash::Sha256)
                .toHex()));
        const QString name = QString::fromUtf8(kApoiadorNames[(nameOffset + i) % std::size(kApoiadorNames)]);
        const QDate joined =
            i == kJoinedLate ? newest.firstDay().addDays(20) : periods.first().firstDay().addDays(5);
        // Paulo left after the first two quadrimestres: his token revoked before the third began.
        const QDate left = periods.at(2).firstDay().addDays(-5);
        seed.roster << RosterEntry{
            unit,       name,
            uf,         QDateTime(joined, QTime(13, 0), QTimeZone::utc()),
            i != kLeft, i == kLeft ? QDateTime(left, QTime(13, 0), QTimeZone::utc()) : QDateTime()};
        for (int p = 0; p < periods.size(); ++p) {
            const Period &period = periods.at(p);
            const bool isNewest = period == newest;
            if ((i == kJoinedLate && !isNewest) || (i == kLeft && p >= 2))
                continue;
            const int roll = int(rng.bounded(100));
            // Ana has not sent the newest yet; a few others skipped one by chance (not Paulo,
            // whose two reports show that what he sent still counts after he left).
            if (isNewest ? i == 2 : (i != kLeft && roll < 8))
                continue;
            const bool late = isNewest ? i == 1 : roll >= 80;
            const QDate deadline = program.deadline(period);
            QDateTime receivedAt(late ? deadline.addDays(3 + int(rng.bounded(12)))
                                      : deadline.addDays(-1 - int(rng.bounded(8))),
                                 QTime(17, int(rng.bounded(60))), QTimeZone::utc());
            if (receivedAt > now)
                receivedAt = now.addSecs(-3600 * (1 + int(rng.bounded(48))));
            Report r;
            r.uuid = newUuid();
            r.programId = program.id();
            r.municipality = unit;
            r.period = period;
            r.revision = 1;
            const int actions = 4 + int(rng.bounded(6));
            const int days = int(period.firstDay().daysTo(period.lastDay())) + 1;
            for (int a = 0; a < actions; ++a) {
                const ApoioSample &s = kSamples[sample++ % std::size(kSamples)];
                const QDate date = period.firstDay().addDays(int(rng.bounded(days)));
                Action action;
                action.uuid = newUuid();
                action.reportUuid = r.uuid;
                action.position = a;
                action.values = apoioValues(s, date, period.lastDay(), uf, municipalities, today, rng);
                r.actions << action;
            }
            const QByteArray manifest = ReportService::manifest(r, receivedAt.addSecs(-1800));
            ReplicaRevision e;
            e.report = r.uuid;
            e.revision = 1;
            e.municipality = unit;
            e.program = program.id();
            e.period = period;
            e.hubId = QStringLiteral("a-%1").arg(++seed.cursor, 6, 10, QLatin1Char('0'));
            e.manifestSha256 =
                QString::fromLatin1(QCryptographicHash::hash(manifest, QCryptographicHash::Sha256).toHex());
            e.receivedAt = receivedAt;
            e.cursor = seed.cursor;
            e.unitName = name;
            // The older quadrimestres were reviewed; of the newest, Maria's was returned and
            // João's accepted, the rest wait in the inbox.
            if (!isNewest || i == 1) {
                e.state = QStringLiteral("accepted");
                e.reviewedAt = receivedAt.addDays(5);
            } else if (i == 0) {
                e.state = QStringLiteral("returned");
                e.comment =
                    QStringLiteral("Ação 2: descreva os resultados da oficina e registre os encaminhamentos "
                                   "combinados com a secretaria.");
                e.reviewedAt = receivedAt.addDays(2);
            } else {
                e.state = QStringLiteral("received");
            }
            if (e.reviewedAt > now)
                e.reviewedAt = now;
            seed.entries << e;
            seed.manifests << qMakePair(e, manifest);
            ++seed.summary.reports;
            seed.summary.actions += actions;
        }
    }
}

// A coordination's copy, as if pulled: the states' reports, their manifests and the roster
// (written last: a copy without it was cut short).
Result<DemoSummary> seedReplica(Services &services, const ProgramDefinition &program, const Clock &clock,
                                const QStringList &states)
{
    auto &profile = services.profile();
    auto &replica = services.replica();
    for (const QString &uf : states)
        if (BrazilReference::embedded().municipalitiesOf(uf).isEmpty())
            return Error{QStringLiteral("no_uf"),
                         QCoreApplication::translate(
                             "DemoData", "Choose the profile's state before adding demonstration data.")};
    auto existing = replica.revisions();
    if (!existing)
        return existing.error();
    auto known = replica.roster();
    if (!known)
        return known.error();
    if (!existing.value().isEmpty() || !known.value().isEmpty()) {
        if (profile.isDemo() && !known.value().isEmpty())
            return DemoSummary{}; // already seeded: nothing changes
        if (profile.isDemo())
            return Error{QStringLiteral("demo_incomplete"),
                         QCoreApplication::translate(
                             "DemoData", "The demonstration data of this profile was cut short. Use "
                                         "--demo-data with a new, empty --data-dir.")};
        return Error{QStringLiteral("not_empty"),
                     QCoreApplication::translate(
                         "DemoData", "This profile already holds reports received from the hub, so no "
                                     "demonstration data was added. Use --demo-data with a new, empty "
                                     "--data-dir.")};
    }
    if (auto s = profile.setDemo(true); !s) // marked first: never mistaken for real reports
        return s.error();

    ReplicaSeed seed;
    for (int i = 0; i < states.size(); ++i)
        seedStateReplica(seed, program, clock, states.at(i), i * kApoiadoresPerState);
    if (auto s = replica.applyPulled(seed.entries, seed.cursor); !s)
        return s.error();
    for (const auto &[entry, manifest] : std::as_const(seed.manifests))
        if (auto s = replica.storeManifest(entry.report, entry.revision, manifest); !s)
            return s.error();
    if (auto s = replica.replaceRoster(seed.roster); !s)
        return s.error();
    return seed.summary;
}

} // namespace

Result<DemoSummary> seedCosemsReplica(Services &services, const ProgramDefinition &program,
                                      const Clock &clock)
{
    return seedReplica(services, program, clock, {services.profile().uf()});
}

QStringList conasemsDemoStates()
{
    QStringList out;
    for (const char *uf : kConasemsDemoStates)
        out << QString::fromLatin1(uf);
    return out;
}

Result<DemoSummary> seedConasemsReplica(Services &services, const ProgramDefinition &program,
                                        const Clock &clock)
{
    return seedReplica(services, program, clock, conasemsDemoStates());
}

} // namespace mobiliza::core
