#include "core/outputs/output_format.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStorageInfo>
#include <QJsonArray>
#include <QLocale>
#include <QSaveFile>

namespace mobiliza::core::outputs {

namespace {

const QLocale &ptBr()
{
    static const QLocale locale(QLocale::Portuguese, QLocale::Brazil);
    return locale;
}

QString text(const QJsonObject &values, const QString &id)
{
    return id.isEmpty() ? QString() : values.value(id).toString().trimmed();
}

QDate date(const QJsonObject &values, const QString &id)
{
    return id.isEmpty() ? QDate() : QDate::fromString(values.value(id).toString(), Qt::ISODate);
}

} // namespace

QString dateBr(const QDate &date)
{
    return date.isValid() ? date.toString(QStringLiteral("dd/MM/yyyy")) : QString();
}

QString dateTimeBr(const QDateTime &value)
{
    return value.isValid() ? value.toString(QStringLiteral("dd/MM/yyyy HH:mm")) : QString();
}

QString monthName(int month)
{
    return ptBr().standaloneMonthName(month, QLocale::LongFormat).toLower();
}

QString integerBr(qint64 value)
{
    return ptBr().toString(value);
}

QString decimalBr(double value, int maxDecimals)
{
    QString s = QString::number(value, 'f', maxDecimals);
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLatin1Char('.')))
            s.chop(1);
    }
    s.replace(QLatin1Char('.'), QLatin1Char(','));
    return s;
}

QString yesNo(bool value)
{
    return value ? QStringLiteral("Sim") : QStringLiteral("Não");
}

QString stateLabel(ReportState state)
{
    switch (state) {
    case ReportState::Draft: return QStringLiteral("Rascunho");
    case ReportState::Ready: return QStringLiteral("Pronto (concluído)");
    case ReportState::Sending: return QStringLiteral("Enviando");
    case ReportState::Received: return QStringLiteral("Recebido pela URS");
    case ReportState::Accepted: return QStringLiteral("Aceito pela URS");
    case ReportState::Returned: return QStringLiteral("Devolvido para correção");
    case ReportState::Forwarded: return QStringLiteral("Encaminhado ao nível central");
    case ReportState::Consolidated: return QStringLiteral("Consolidado");
    }
    return {};
}

QString partnerKindLabel(PartnerKind kind)
{
    switch (kind) {
    case PartnerKind::Person: return QStringLiteral("Pessoa física");
    case PartnerKind::Organization: return QStringLiteral("Pessoa jurídica");
    case PartnerKind::InformalGroup: return QStringLiteral("Grupo ou coletivo informal");
    }
    return {};
}

QString partnerStageLabel(PartnerStage stage)
{
    switch (stage) {
    case PartnerStage::Mapped: return QStringLiteral("Mapeado");
    case PartnerStage::Sensitized: return QStringLiteral("Sensibilizado");
    case PartnerStage::Active: return QStringLiteral("Parceria ativa");
    case PartnerStage::Inactive: return QStringLiteral("Inativo");
    }
    return {};
}

RoleFields::RoleFields(const ProgramDefinition &program)
    : title(program.fieldForRole(field_role::Title)),
      date(program.fieldForRole(field_role::Date)),
      endDate(program.fieldForRole(field_role::EndDate)),
      themes(program.fieldForRole(field_role::Themes)),
      format(program.fieldForRole(field_role::Format)),
      place(program.fieldForRole(field_role::Place)),
      coordinates(program.fieldForRole(field_role::Coordinates)),
      audience(program.fieldForRole(field_role::Audience)),
      peopleReached(program.fieldForRole(field_role::PeopleReached)),
      partners(program.fieldForRole(field_role::Partners)),
      materials(program.fieldForRole(field_role::Materials)),
      description(program.fieldForRole(field_role::Description))
{
}

QStringList choiceLabels(const ProgramDefinition &program, const QString &fieldId,
                         const QJsonObject &values, QStringList *codes)
{
    QStringList labels;
    if (fieldId.isEmpty())
        return labels;
    const auto field = program.field(fieldId);
    if (!field)
        return labels;
    QStringList raw;
    const QJsonValue value = values.value(fieldId);
    if (value.isArray()) {
        for (const QJsonValue &v : value.toArray())
            raw << v.toString();
    } else if (value.isString() && !value.toString().isEmpty()) {
        raw << value.toString();
    }
    for (const QString &code : std::as_const(raw)) {
        if (code.isEmpty())
            continue;
        if (codes)
            *codes << code;
        const auto entry = program.catalogueEntry(field->catalogue, code);
        QString label = entry ? entry->label : code;
        if (!field->otherValue.isEmpty() && code == field->otherValue && !field->otherField.isEmpty()) {
            const QString other = text(values, field->otherField);
            if (!other.isEmpty())
                label += QStringLiteral(": ") + other;
        }
        labels << label;
    }
    return labels;
}

QString partnerNameOrPlaceholder(const ReportDocumentInput &in, const QString &uuid)
{
    const QString name = in.partnerNames.value(uuid).trimmed();
    return name.isEmpty() ? QStringLiteral("(parceiro fora do cadastro)") : name;
}

QList<ActionRow> actionRows(const ReportDocumentInput &in)
{
    const RoleFields f(in.program);
    QList<ActionRow> rows;
    for (const Action &a : in.report.actions) {
        ActionRow r;
        r.number = a.position + 1;
        r.date = date(a.values, f.date);
        r.endDate = date(a.values, f.endDate);
        r.title = text(a.values, f.title);
        r.themeLabels = choiceLabels(in.program, f.themes, a.values, &r.themeCodes);
        QStringList formatCodes;
        const QStringList formatLabels = choiceLabels(in.program, f.format, a.values, &formatCodes);
        r.formatLabel = formatLabels.join(QStringLiteral("; "));
        r.formatCode = formatCodes.join(QStringLiteral("; "));
        r.place = text(a.values, f.place);
        if (!f.coordinates.isEmpty()) {
            const QJsonObject c = a.values.value(f.coordinates).toObject();
            if (c.value(QStringLiteral("lat")).isDouble() && c.value(QStringLiteral("lon")).isDouble()) {
                r.latitude = c.value(QStringLiteral("lat")).toDouble();
                r.longitude = c.value(QStringLiteral("lon")).toDouble();
            }
        }
        r.audienceLabels = choiceLabels(in.program, f.audience, a.values, &r.audienceCodes);
        if (!f.peopleReached.isEmpty() && a.values.value(f.peopleReached).isDouble()) {
            r.peopleReached = qint64(a.values.value(f.peopleReached).toDouble());
            const auto field = in.program.field(f.peopleReached);
            if (field && !field->estimateField.isEmpty())
                r.estimate = a.values.value(field->estimateField).toBool();
        }
        for (const QString &uuid : a.partnerUuids)
            r.partnerNames << partnerNameOrPlaceholder(in, uuid);
        r.materials = text(a.values, f.materials);
        r.description = text(a.values, f.description);
        r.photoCount = int(a.photos.size());
        rows << r;
    }
    return rows;
}

QStringList actionColumns()
{
    return {QStringLiteral("Código IBGE"),
            QStringLiteral("Município"),
            QStringLiteral("Competência"),
            QStringLiteral("Ação"),
            QStringLiteral("Data"),
            QStringLiteral("Data de término"),
            QStringLiteral("Título"),
            QStringLiteral("Temas"),
            QStringLiteral("Códigos dos temas"),
            QStringLiteral("Formato"),
            QStringLiteral("Código do formato"),
            QStringLiteral("Local"),
            QStringLiteral("Latitude"),
            QStringLiteral("Longitude"),
            QStringLiteral("Público-alvo"),
            QStringLiteral("Códigos do público-alvo"),
            QStringLiteral("Pessoas alcançadas"),
            QStringLiteral("Estimativa"),
            QStringLiteral("Parceiros"),
            QStringLiteral("Materiais"),
            QStringLiteral("Descrição e resultados"),
            QStringLiteral("Fotos")};
}

Error ioError(const QString &path, const QString &detail)
{
    const QFileInfo info(path);
    const QString file = QDir::toNativeSeparators(info.absoluteFilePath());
    if (!info.absoluteDir().exists())
        return Error{QStringLiteral("io"),
                     QCoreApplication::translate("ReportOutputs",
                                                 "The folder of %1 does not exist. Choose another "
                                                 "folder and export again.")
                         .arg(file)};
    // ENOSPC (errorString() may be translated, so also: hardly any space left).
    const QStorageInfo storage(info.absolutePath());
    if (detail.contains(QLatin1String("No space left")) ||
        (storage.isValid() && storage.bytesAvailable() < 256 * 1024))
        return Error{QStringLiteral("disk_full"),
                     QCoreApplication::translate("ReportOutputs",
                                                 "The disk is full: %1 could not be written, and no file was "
                                                 "left under that name. Free some space on the disk (or choose "
                                                 "another disk, such as a USB drive), then export again.")
                         .arg(file)};
    return Error{QStringLiteral("io"),
                 QCoreApplication::translate("ReportOutputs",
                                             "Could not write %1 (%2). Check that you may write "
                                             "to this folder and that the disk is not full, or "
                                             "choose another folder, then export again.")
                     .arg(file, detail)};
}

Error cancelledError()
{
    return Error{QStringLiteral("cancelled"),
                 QCoreApplication::translate("ReportOutputs",
                                             "The export was cancelled. No file was written.")};
}

Status writeFileAtomically(const QString &path, const QByteArray &bytes)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ioError(path, file.errorString());
    if (file.write(bytes) != bytes.size()) {
        const QString detail = file.errorString();
        file.cancelWriting();
        return ioError(path, detail);
    }
    // QSaveFile does not notice a final flush that failed (Qt 6.4): flush first.
    if (!file.flush() || file.error() != QFileDevice::NoError) {
        const QString detail = file.errorString();
        file.cancelWriting();
        return ioError(path, detail);
    }
    if (!file.commit())
        return ioError(path, file.errorString());
    // Belt and braces: what is under the final name is every byte, or nothing.
    if (QFileInfo(path).size() != bytes.size()) {
        QFile::remove(path);
        return ioError(path, QStringLiteral("short write"));
    }
    return {};
}

} // namespace mobiliza::core::outputs
