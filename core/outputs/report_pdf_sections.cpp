// The PDF report's sections: the header block, the actions with their fields
// and photos, the month's totals and the signature block.
#include "core/outputs/report_pdf_p.h"

#include <QJsonObject>
#include <QMap>
#include <QPainter>

#include <algorithm>
#include <vector>

namespace mobiliza::core::outputs::pdf_detail {

void Layout::header()
{
    if (m_in.program.reportingUnit() == QLatin1String("apoiador")) {
        apoioHeader();
        return;
    }
    const QString municipality =
        m_in.municipalityName.isEmpty() ? m_in.report.municipality : m_in.municipalityName;
    titleBlock(QStringLiteral("Secretaria Municipal de Saúde de %1").arg(municipality),
               QStringLiteral("RELATÓRIO MENSAL"));

    const Period &period = m_in.report.period;
    const QString responsible = m_in.responsible.trimmed().isEmpty()
                                    ? QStringLiteral("______________________________")
                                    : m_in.responsible.trimmed();
    QString municipalityValue = municipality;
    if (!m_in.municipalityCode.isEmpty())
        municipalityValue += QStringLiteral(" (IBGE %1)").arg(m_in.municipalityCode);
    const QList<std::pair<QString, QString>> cells = {
        {QStringLiteral("Município"), municipalityValue},
        {QStringLiteral("Competência"),
         QStringLiteral("%1 (%2 de %3)").arg(period.display(), monthName(period.month)).arg(period.year)},
        {QStringLiteral("URS"), m_in.ursName},
        {QStringLiteral("Região de Saúde"), m_in.regiaoName},
        {QStringLiteral("Responsável"), responsible},
        {QStringLiteral("Revisão"),
         QStringLiteral("%1 — %2").arg(QString::number(m_in.report.revision), stateLabel(m_in.report.state))},
        {QStringLiteral("Gerado em"), dateTimeBr(m_in.generatedAt)},
    };
    headerBox(cells);
}

// Who reports, the document's title, the program and the demonstration mark, centred.
void Layout::titleBlock(const QString &unit, const QString &title)
{
    paragraph(unit, makeFont(13, true), 0, 0, kInk, Qt::AlignHCenter);
    m_y += pt(4);
    paragraph(title, makeFont(15, true), 0, 0, kAccent, Qt::AlignHCenter);
    if (!m_in.program.isNull())
        paragraph(m_in.program.name(), makeFont(10.5), 0, 0, kMuted, Qt::AlignHCenter);
    if (m_in.demo) {
        m_y += pt(2);
        paragraph(QStringLiteral("DEMONSTRAÇÃO — dados fictícios, sem valor oficial"), makeFont(10, true), 0,
                  0, QColor(0xb0, 0x20, 0x20), Qt::AlignHCenter);
    }
    m_y += pt(10);
}

void Layout::headerBox(const QList<std::pair<QString, QString>> &cells)
{
    const qreal pad = pt(7);
    const qreal gap = pt(12);
    const qreal colWidth = (m_width - 2 * pad - gap) / 2;
    struct Row
    {
        Laid left, right;
        qreal height = 0;
    };
    std::vector<Row> rows;
    qreal boxHeight = 2 * pad;
    for (int i = 0; i < cells.size(); i += 2) {
        Row row;
        const auto laidCell = [&](const std::pair<QString, QString> &cell) {
            const QString prefix = cell.first + QStringLiteral(": ");
            return lay(prefix + cell.second, makeFont(9.5), colWidth, Qt::AlignLeft, int(prefix.size()));
        };
        row.left = laidCell(cells.at(i));
        if (i + 1 < cells.size())
            row.right = laidCell(cells.at(i + 1));
        row.height = std::max(row.left.height, row.right.layout ? row.right.height : 0.0) + pt(3);
        boxHeight += row.height;
        rows.push_back(std::move(row));
    }
    ensureSpace(boxHeight);
    if (m_painter) {
        m_painter->setPen(QPen(kRule, pt(0.6)));
        m_painter->setBrush(kBand);
        m_painter->drawRoundedRect(QRectF(0, m_y, m_width, boxHeight), pt(3), pt(3));
        m_painter->setBrush(Qt::NoBrush);
    }
    qreal y = m_y + pad;
    for (const Row &row : rows) {
        drawLaid(row.left, pad, y);
        if (row.right.layout)
            drawLaid(row.right, pad + colWidth + gap, y);
        y += row.height;
    }
    m_y += boxHeight + pt(14);
}

// The apoio program's four-month report: who (the apoiador of a state's COSEMS), which
// quadrimestre, which state; the document the COSEMS files ("apoio institucional").
void Layout::apoioHeader()
{
    const QString uf = m_in.uf.isEmpty() ? QStringLiteral("—") : m_in.uf;
    const Period &period = m_in.report.period;
    titleBlock(QStringLiteral("COSEMS-%1 — Apoio institucional aos municípios").arg(uf),
               period.isQuadrimester() ? QStringLiteral("RELATÓRIO QUADRIMESTRAL")
                                       : QStringLiteral("RELATÓRIO MENSAL"));
    const QString responsible = m_in.responsible.trimmed().isEmpty()
                                    ? QStringLiteral("______________________________")
                                    : m_in.responsible.trimmed();
    const QDate last = period.lastDay();
    const QString span = period.isQuadrimester()
                             ? QStringLiteral("%1º quadrimestre de %2 (%3 a %4)")
                                   .arg(period.quadrimester())
                                   .arg(period.year)
                                   .arg(monthName(period.month), monthName(last.month()))
                             : QStringLiteral("%1 de %2").arg(monthName(period.month)).arg(period.year);
    headerBox({
        {m_in.program.level(Role::Municipality).label, responsible},
        {period.isQuadrimester() ? QStringLiteral("Quadrimestre") : QStringLiteral("Competência"), span},
        {QStringLiteral("Estado"), ufText(m_in.uf)},
        {QStringLiteral("Identificação"), m_in.report.municipality},
        {QStringLiteral("Revisão"),
         QStringLiteral("%1 — %2").arg(QString::number(m_in.report.revision), stateLabel(m_in.report.state))},
        {QStringLiteral("Gerado em"), dateTimeBr(m_in.generatedAt)},
    });
}

void Layout::noActions()
{
    heading(m_in.report.period.isQuadrimester() ? QStringLiteral("Sem ações no quadrimestre")
                                                : QStringLiteral("Sem ações no mês"),
            12, pt(40));
    paragraph(QStringLiteral("Não houve %1 nesta competência.")
                  .arg(m_in.program.isNull() ? QStringLiteral("ações")
                                             : m_in.program.recordLabelPlural().toLower()),
              makeFont(9.5));
    m_y += pt(4);
    longText(QStringLiteral("Justificativa"), m_in.report.noActionsJustification);
    m_y += pt(8);
}

QString Layout::fieldValue(const FieldDefinition &field, const Action &action) const
{
    const QJsonValue v = action.values.value(field.id);
    if (field.type == field_type::Date)
        return dateBr(QDate::fromString(v.toString(), Qt::ISODate));
    if (field.type == field_type::Choice || field.type == field_type::MultiChoice)
        return choiceLabels(m_in.program, field.id, action.values).join(QStringLiteral("; "));
    if (field.type == field_type::Integer) {
        if (!v.isDouble())
            return {};
        QString s = integerBr(qint64(v.toDouble()));
        if (!field.estimateField.isEmpty() && action.values.value(field.estimateField).toBool())
            s += QStringLiteral(" (estimativa)");
        return s;
    }
    if (field.type == field_type::Boolean)
        return v.isBool() ? yesNo(v.toBool()) : QString();
    if (field.type == field_type::Uf || field.type == field_type::Municipalities ||
        field.type == field_type::List)
        return fieldText(m_in.program, field, action.values, QString(QChar::LineSeparator));
    if (field.type == field_type::Partners) {
        QStringList names;
        for (const QString &uuid : action.partnerUuids)
            names << partnerNameOrPlaceholder(m_in, uuid);
        return names.join(QStringLiteral("; "));
    }
    if (field.type == field_type::Coordinates) {
        const QJsonObject c = v.toObject();
        if (!c.value(QStringLiteral("lat")).isDouble() || !c.value(QStringLiteral("lon")).isDouble())
            return {};
        return QStringLiteral("%1; %2").arg(decimalBr(c.value(QStringLiteral("lat")).toDouble(), 6),
                                            decimalBr(c.value(QStringLiteral("lon")).toDouble(), 6));
    }
    if (v.isString())
        return v.toString().trimmed();
    if (v.isDouble())
        return decimalBr(v.toDouble(), 6);
    return {};
}

void Layout::actions()
{
    const QString label = m_in.program.isNull() ? QStringLiteral("Ação") : m_in.program.recordLabel();
    const QString plural = m_in.program.isNull() ? QStringLiteral("Ações") : m_in.program.recordLabelPlural();
    heading(QStringLiteral("%1 realizadas").arg(plural), 12, pt(60));
    if (m_in.report.actions.isEmpty()) {
        paragraph(QStringLiteral("Nenhuma ação registrada nesta competência."), makeFont(9.5, false, true));
        m_y += pt(8);
        return;
    }
    const QString titleField = m_in.program.fieldForRole(field_role::Title);
    int photoIndex = 0;
    for (const Action &action : m_in.report.actions) {
        const int number = action.position + 1;
        const QString title = action.values.value(titleField).toString().trimmed();
        actionHeading(title.isEmpty() ? QStringLiteral("%1 %2").arg(label).arg(number)
                                      : QStringLiteral("%1 %2 — %3").arg(label).arg(number).arg(title));
        for (const FieldDefinition &field : m_in.program.fields()) {
            if (field.id == titleField || !field.companionOf.isEmpty())
                continue;
            const QString value = fieldValue(field, action);
            if (field.type == field_type::LongText || field.type == field_type::List)
                longText(field.label, value);
            else
                labelled(field.label, value);
        }
        const int count = int(action.photos.size());
        for (int i = 0; i < count && !stopped(); i += 2) {
            photoRow(photoIndex, std::min(2, count - i));
            photoIndex += std::min(2, count - i);
        }
        if (stopped())
            return;
        m_y += pt(12);
    }
}

void Layout::actionHeading(const QString &text)
{
    const qreal pad = pt(4);
    const Laid laid = lay(text, makeFont(11.5, true), m_width - 2 * pad);
    ensureSpace(laid.height + 2 * pad + pt(90));
    if (m_painter) {
        m_painter->setPen(Qt::NoPen);
        m_painter->setBrush(kBand);
        m_painter->drawRect(QRectF(0, m_y, m_width, laid.height + 2 * pad));
        m_painter->setBrush(kAccent);
        m_painter->drawRect(QRectF(0, m_y, pt(3), laid.height + 2 * pad));
        m_painter->setBrush(Qt::NoBrush);
    }
    drawLaid(laid, pad + pt(3), m_y + pad, kAccent);
    m_y += laid.height + 2 * pad + pt(6);
}

void Layout::photoRow(int firstIndex, int count)
{
    const qreal gap = mm(8);
    const qreal colWidth = (m_width - gap) / 2;
    const qreal boxHeight = colWidth * 0.75;
    std::vector<Laid> captions, metas;
    qreal textHeight = 0;
    for (int i = 0; i < count; ++i) {
        const PhotoRef &ref = m_photos.at(firstIndex + i);
        const QString prefix = QStringLiteral("Foto %1").arg(ref.number);
        const QString caption = ref.photo.caption.trimmed();
        captions.push_back(lay(caption.isEmpty() ? prefix : prefix + QStringLiteral(" — ") + caption,
                               makeFont(9), colWidth, Qt::AlignLeft, int(prefix.size())));
        QStringList meta;
        if (ref.photo.takenOn.isValid())
            meta << dateBr(ref.photo.takenOn);
        if (!ref.photo.author.trimmed().isEmpty())
            meta << QStringLiteral("Autoria: %1").arg(ref.photo.author.trimmed());
        metas.push_back(lay(meta.join(QStringLiteral(" · ")), makeFont(8), colWidth));
        textHeight = std::max(textHeight, captions.back().height + metas.back().height);
    }
    const qreal rowHeight = boxHeight + pt(4) + textHeight;
    ensureSpace(rowHeight);
    for (int i = 0; i < count; ++i) {
        const PhotoRef &ref = m_photos.at(firstIndex + i);
        const qreal x = i * (colWidth + gap);
        if (m_painter) {
            QString detail;
            const QImage image = loadPhoto(ref.path, &detail);
            if (image.isNull()) {
                m_error = photoUnreadable(ref, detail);
                return;
            }
            const QSizeF fitted = QSizeF(image.size()).scaled(colWidth, boxHeight, Qt::KeepAspectRatio);
            const QRectF target(x + (colWidth - fitted.width()) / 2, m_y + (boxHeight - fitted.height()) / 2,
                                fitted.width(), fitted.height());
            m_painter->drawImage(target, image);
            m_painter->setPen(QPen(kRule, pt(0.5)));
            m_painter->setBrush(Qt::NoBrush);
            m_painter->drawRect(target);
        }
        drawLaid(captions.at(i), x, m_y + boxHeight + pt(4));
        drawLaid(metas.at(i), x, m_y + boxHeight + pt(4) + captions.at(i).height, kMuted);
        ++m_photosDone;
        if (m_painter && m_progress && !m_progress(m_photosDone, int(m_photos.size()) + 1)) {
            m_cancelled = true;
            return;
        }
    }
    m_y += rowHeight + pt(10);
}

void Layout::totals()
{
    const QList<ActionRow> rows = actionRows(m_in);
    if (rows.isEmpty())
        return;
    qint64 people = 0;
    bool anyEstimate = false;
    int photos = 0;
    struct ThemeTotal
    {
        QString label;
        int actions = 0;
        qint64 people = 0;
    };
    QMap<QString, ThemeTotal> byTheme;
    const auto field = m_in.program.field(m_in.program.fieldForRole(field_role::Themes));
    for (const ActionRow &r : rows) {
        people += r.peopleReached.value_or(0);
        anyEstimate = anyEstimate || (r.peopleReached && r.estimate);
        photos += r.photoCount;
        for (int i = 0; i < r.themeCodes.size(); ++i) {
            ThemeTotal &t = byTheme[r.themeCodes.at(i)];
            // The "other" theme keeps its catalogue label in the totals.
            const auto entry =
                field ? m_in.program.catalogueEntry(field->catalogue, r.themeCodes.at(i)) : std::nullopt;
            t.label = entry ? entry->label : r.themeCodes.at(i);
            ++t.actions;
            t.people += r.peopleReached.value_or(0);
        }
    }
    heading(m_in.report.period.isQuadrimester() ? QStringLiteral("Totais do quadrimestre")
                                                : QStringLiteral("Totais do mês"),
            12, pt(80));
    labelled(QStringLiteral("Ações realizadas"), QString::number(rows.size()));
    const auto peopleField = m_in.program.field(m_in.program.fieldForRole(field_role::PeopleReached));
    labelled(m_in.program.reportingUnit() == QLatin1String("apoiador") && peopleField
                 ? peopleField->label
                 : QStringLiteral("Pessoas alcançadas"),
             integerBr(people) + (anyEstimate ? QStringLiteral(" (inclui estimativas)") : QString()));
    labelled(QStringLiteral("Fotos"), QString::number(photos));
    if (byTheme.isEmpty())
        return;
    QList<ThemeTotal> themes = byTheme.values();
    std::stable_sort(themes.begin(), themes.end(), [](const ThemeTotal &a, const ThemeTotal &b) {
        if (a.actions != b.actions)
            return a.actions > b.actions;
        return a.label.localeAwareCompare(b.label) < 0;
    });
    m_y += pt(6);
    const qreal numWidth = mm(28);
    const qreal labelWidth = m_width - 2 * numWidth - pt(8);
    const auto row = [&](const QString &label, const QString &a, const QString &b, bool bold) {
        const Laid l = lay(label, makeFont(9, bold), labelWidth);
        const Laid la = lay(a, makeFont(9, bold), numWidth, Qt::AlignRight);
        const Laid lb = lay(b, makeFont(9, bold), numWidth, Qt::AlignRight);
        const qreal h = l.height + pt(5);
        ensureSpace(h);
        drawLaid(l, pt(4), m_y + pt(2.5));
        drawLaid(la, labelWidth, m_y + pt(2.5));
        drawLaid(lb, labelWidth + numWidth, m_y + pt(2.5));
        if (m_painter) {
            m_painter->setPen(QPen(kRule, pt(0.4)));
            m_painter->drawLine(QPointF(0, m_y + h), QPointF(m_width, m_y + h));
        }
        m_y += h;
    };
    ensureSpace(pt(60));
    row(QStringLiteral("Tema"), QStringLiteral("Ações"), QStringLiteral("Pessoas"), true);
    for (const ThemeTotal &t : std::as_const(themes))
        row(t.label, QString::number(t.actions), integerBr(t.people), false);
    m_y += pt(4);
    paragraph(QStringLiteral("Uma ação pode ter mais de um tema: os totais por tema não se somam."),
              makeFont(7.5, false, true), 0, 0, kMuted);
    m_y += pt(14);
}

void Layout::signature()
{
    const qreal blockHeight = pt(175);
    ensureSpace(blockHeight);
    heading(QStringLiteral("Assinatura"), 12, pt(120));
    const QString municipality =
        m_in.municipalityName.isEmpty() || m_in.program.reportingUnit() == QLatin1String("apoiador")
            ? QStringLiteral("______________________")
            : m_in.municipalityName;
    paragraph(QStringLiteral("Local e data: %1, ____/____/________").arg(municipality), makeFont(9.5), 0,
              int(QStringLiteral("Local e data:").size()));
    m_y += pt(50);
    const qreal lineWidth = m_width * 0.55;
    const qreal stampWidth = mm(60);
    const qreal stampHeight = mm(32);
    const qreal stampX = m_width - stampWidth;
    const qreal stampY = m_y - pt(40);
    if (m_painter) {
        m_painter->setPen(QPen(kInk, pt(0.7)));
        m_painter->drawLine(QPointF(0, m_y), QPointF(lineWidth, m_y));
        m_painter->setPen(QPen(kRule, pt(0.7), Qt::DashLine));
        m_painter->setBrush(Qt::NoBrush);
        m_painter->drawRect(QRectF(stampX, stampY, stampWidth, stampHeight));
    }
    const Laid stamp = lay(QStringLiteral("Carimbo"), makeFont(8), stampWidth - pt(8));
    drawLaid(stamp, stampX + pt(4), stampY + pt(4), kMuted);
    qreal y = m_y + pt(3);
    if (!m_in.responsible.trimmed().isEmpty()) {
        const Laid name = lay(m_in.responsible.trimmed(), makeFont(9.5, true), lineWidth);
        drawLaid(name, 0, y);
        y += name.height;
    }
    const Laid caption = lay(QStringLiteral("Assinatura do(a) responsável"), makeFont(9), lineWidth);
    drawLaid(caption, 0, y, kMuted);
    y += caption.height;
    m_y = std::max(y, stampY + stampHeight) + pt(6);
}

} // namespace mobiliza::core::outputs::pdf_detail
