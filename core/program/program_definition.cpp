#include "core/program/program_definition.h"

#include "core/program/program_definition_p.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>

#include <algorithm>

namespace mobiliza::core {

namespace {
Q_LOGGING_CATEGORY(lcProgram, "mobiliza.core.program")

const ProgramDefinition::Data &emptyData()
{
    static const ProgramDefinition::Data empty;
    return empty;
}
} // namespace

ProgramDefinition::ProgramDefinition() = default;

ProgramDefinition::ProgramDefinition(std::shared_ptr<const Data> data) : d(std::move(data)) {}

Result<ProgramDefinition> ProgramDefinition::load(const QString &pathOrResource)
{
    QFile file(pathOrResource);
    if (!file.open(QIODevice::ReadOnly)) {
        return Error{QStringLiteral("io"),
                     QCoreApplication::translate("ProgramDefinition",
                                                 "Could not read the program definition “%1”: %2. "
                                                 "Check that the file exists and can be read.")
                         .arg(pathOrResource, file.errorString())};
    }
    return fromJson(file.readAll());
}

ProgramDefinition ProgramDefinition::sesMgMobilizacao()
{
    auto result = load(sesMgMobilizacaoResource());
    if (!result) {
        // A build defect (the tests load this file): log loudly, never crash the app.
        qCCritical(lcProgram) << "embedded SES-MG program is invalid:" << result.error().message;
        Q_ASSERT_X(false, "ProgramDefinition::sesMgMobilizacao", "embedded program is invalid");
        return {};
    }
    return result.value();
}

ProgramDefinition ProgramDefinition::apoioCosems()
{
    auto result = load(QStringLiteral(":/programs/apoio_cosems.json"));
    if (!result) {
        qCCritical(lcProgram) << "embedded apoio program is invalid:" << result.error().message;
        Q_ASSERT_X(false, "ProgramDefinition::apoioCosems", "embedded program is invalid");
        return {};
    }
    return result.value();
}

QList<ProgramDefinition> ProgramDefinition::embedded()
{
    // Parsed once (thread-safe): the embedded files never change while the program runs. Every
    // resources/programs/*.json is built in (core/CMakeLists.txt): adding a program is adding
    // its file. SES-MG first (the program of profiles set up before programs), then by file name;
    // a file that does not load is a build defect the tests catch, logged and left out here.
    static const QList<ProgramDefinition> all = [] {
        QStringList files =
            QDir(QStringLiteral(":/programs")).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        const QString first = QFileInfo(sesMgMobilizacaoResource()).fileName();
        if (files.removeAll(first) > 0)
            files.prepend(first);
        QList<ProgramDefinition> out;
        QStringList ids;
        for (const QString &name : std::as_const(files)) {
            auto loaded = load(QStringLiteral(":/programs/") + name);
            if (!loaded) {
                qCCritical(lcProgram)
                    << "embedded program" << name << "is invalid:" << loaded.error().message;
                Q_ASSERT_X(false, "ProgramDefinition::embedded", "embedded program is invalid");
                continue;
            }
            if (ids.contains(loaded->id())) {
                qCCritical(lcProgram) << "embedded program" << name << "repeats the id" << loaded->id();
                Q_ASSERT_X(false, "ProgramDefinition::embedded", "two embedded programs share an id");
                continue;
            }
            ids << loaded->id();
            out << loaded.value();
        }
        return out;
    }();
    return all;
}

ProgramDefinition ProgramDefinition::embeddedById(const QString &id)
{
    for (const ProgramDefinition &p : embedded())
        if (p.id() == id)
            return p;
    return {};
}

QString ProgramDefinition::embeddedNameOf(const QString &id)
{
    const ProgramDefinition program = embeddedById(id);
    return program.isNull() ? id : program.name();
}

bool ProgramDefinition::isNull() const
{
    return !d;
}

#define MOBILIZA_D (d ? *d : emptyData())

QString ProgramDefinition::id() const
{
    return MOBILIZA_D.id;
}
QString ProgramDefinition::name() const
{
    return MOBILIZA_D.name;
}
QString ProgramDefinition::description() const
{
    return MOBILIZA_D.description;
}
int ProgramDefinition::version() const
{
    return MOBILIZA_D.version;
}
QString ProgramDefinition::reportingUnit() const
{
    return MOBILIZA_D.reportingUnit;
}
QString ProgramDefinition::period() const
{
    return MOBILIZA_D.period;
}
int ProgramDefinition::periodMonths() const
{
    if (isNull())
        return 0;
    return MOBILIZA_D.period == QLatin1String("quadrimestral") ? 4 : 1;
}

QString ProgramDefinition::territory() const
{
    return MOBILIZA_D.territory;
}

int ProgramDefinition::deadlineDay() const
{
    return MOBILIZA_D.deadlineDay;
}
QString ProgramDefinition::recordLabel() const
{
    return MOBILIZA_D.recordLabel;
}
QString ProgramDefinition::recordLabelPlural() const
{
    return MOBILIZA_D.recordLabelPlural;
}
QList<FieldDefinition> ProgramDefinition::fields() const
{
    return MOBILIZA_D.fields;
}
QStringList ProgramDefinition::catalogueNames() const
{
    return MOBILIZA_D.catalogueNames;
}
QList<RuleDefinition> ProgramDefinition::rules() const
{
    return MOBILIZA_D.rules;
}
PanelDefinition ProgramDefinition::panel() const
{
    return d->panel;
}

PhotoRule ProgramDefinition::photoRule() const
{
    return MOBILIZA_D.photos;
}
ReportRule ProgramDefinition::reportRule() const
{
    return MOBILIZA_D.report;
}
QByteArray ProgramDefinition::sourceJson() const
{
    return MOBILIZA_D.source;
}

std::optional<FieldDefinition> ProgramDefinition::field(const QString &id) const
{
    const auto &data = MOBILIZA_D;
    const auto it = data.fieldIndex.constFind(id);
    if (it == data.fieldIndex.constEnd())
        return std::nullopt;
    return data.fields.at(*it);
}

QString ProgramDefinition::fieldForRole(const QString &role) const
{
    return MOBILIZA_D.roleToField.value(role);
}

QList<CatalogueEntry> ProgramDefinition::catalogue(const QString &name) const
{
    return MOBILIZA_D.catalogues.value(name);
}

std::optional<CatalogueEntry> ProgramDefinition::catalogueEntry(const QString &name,
                                                                const QString &code) const
{
    const auto &data = MOBILIZA_D;
    const auto it = data.catalogues.constFind(name);
    if (it == data.catalogues.constEnd())
        return std::nullopt;
    for (const auto &entry : *it)
        if (entry.code == code)
            return entry;
    return std::nullopt;
}

#undef MOBILIZA_D

QDate ProgramDefinition::deadline(const Period &p) const
{
    if (!p.isValid() || isNull() || deadlineDay() < 1)
        return {};
    const QDate firstOfNext = p.next().firstDay();
    return firstOfNext.addDays(std::min(deadlineDay(), firstOfNext.daysInMonth()) - 1);
}

QList<ProgramLevel> ProgramDefinition::levels() const
{
    QList<ProgramLevel> out;
    for (Role role : {Role::Municipality, Role::Urs, Role::Central})
        out << level(role);
    return out;
}

ProgramLevel ProgramDefinition::level(Role role) const
{
    // A tier the program does not name keeps SES-MG's: the levels of the first program.
    ProgramLevel level{
        role, roleKey(role), roleLabel(role),
        role == Role::Municipality ? QStringLiteral("municipality")
        : role == Role::Urs        ? QStringLiteral("urs")
                                   : QStringLiteral("none"),
        role == Role::Municipality
            ? QCoreApplication::translate(
                  "ProgramDefinition",
                  "A municipal health secretariat (records and sends its monthly reports)")
        : role == Role::Urs
            ? QCoreApplication::translate(
                  "ProgramDefinition", "A regional health unit — URS (reviews its municipalities' reports)")
            : QCoreApplication::translate("ProgramDefinition",
                                          "The central level of SES-MG (consolidates the state's reports)")};
    if (d) {
        if (const auto it = d->levels.constFind(roleKey(role)); it != d->levels.constEnd())
            level = *it;
    }
    return level;
}

bool ProgramDefinition::namesLevel(Role role) const
{
    return d && d->levels.contains(roleKey(role));
}

std::optional<Role> ProgramDefinition::roleFromKey(const QString &key) const
{
    for (const ProgramLevel &l : levels())
        if (l.key == key)
            return l.role;
    return std::nullopt;
}

Period ProgramDefinition::periodOf(const QDate &date) const
{
    return Period::containing(date, periodMonths());
}

Period ProgramDefinition::periodFromKey(const QString &key) const
{
    const Period p = Period::fromKey(key);
    return isPeriodOf(p) ? p : Period{};
}

bool ProgramDefinition::isLate(const Period &p, const QDate &submittedOn) const
{
    const QDate due = deadline(p);
    return due.isValid() && submittedOn.isValid() && submittedOn > due;
}

ProgramDefinition ProgramDefinition::official() const
{
    return d && d->official ? ProgramDefinition(d->official) : *this;
}

ProgramDefinition ProgramDefinition::localized(const QString &language) const
{
    if (!d)
        return *this;
    const std::shared_ptr<const Data> base = d->official ? d->official : d;
    const auto found = base->translations.constFind(language.section(QLatin1Char('_'), 0, 0).toLower());
    if (found == base->translations.constEnd())
        return ProgramDefinition(base);
    const QJsonObject &t = *found;
    auto out = std::make_shared<Data>(*base);
    out->official = base;
    const auto text = [&t](const char *key, QString &target) {
        if (const QString v = t.value(QLatin1String(key)).toString(); !v.isEmpty())
            target = v;
    };
    text("name", out->name);
    text("description", out->description);
    text("recordLabel", out->recordLabel);
    text("recordLabelPlural", out->recordLabelPlural);
    const QJsonObject levels = t.value(QStringLiteral("levels")).toObject();
    for (auto it = out->levels.begin(); it != out->levels.end(); ++it) {
        // "tier": its label, or {label, about}.
        const QJsonValue v = levels.value(it.key());
        const QJsonObject o = v.toObject();
        if (const QString label = v.isObject() ? o.value(QStringLiteral("label")).toString() : v.toString();
            !label.isEmpty())
            it->label = label;
        if (const QString about = o.value(QStringLiteral("about")).toString(); !about.isEmpty())
            it->about = about;
    }
    const QJsonObject fields = t.value(QStringLiteral("fields")).toObject();
    // A list's entry fields are named "list.field" ("referrals.responsible").
    const auto translate = [&fields](FieldDefinition &f, const QString &key) {
        const QJsonObject tf = fields.value(key).toObject();
        if (const QString v = tf.value(QStringLiteral("label")).toString(); !v.isEmpty())
            f.label = v;
        if (const QString v = tf.value(QStringLiteral("help")).toString(); !v.isEmpty())
            f.help = v;
    };
    for (FieldDefinition &f : out->fields) {
        translate(f, f.id);
        for (FieldDefinition &sub : f.itemFields)
            translate(sub, f.id + QLatin1Char('.') + sub.id);
    }
    const QJsonObject catalogues = t.value(QStringLiteral("catalogues")).toObject();
    for (auto it = out->catalogues.begin(); it != out->catalogues.end(); ++it) {
        const QJsonObject labels = catalogues.value(it.key()).toObject();
        for (CatalogueEntry &e : it.value())
            if (const QString v = labels.value(e.code).toString(); !v.isEmpty())
                e.label = v;
    }
    return ProgramDefinition(std::move(out));
}

} // namespace mobiliza::core
