// The Balanço mensal as PDF: header, what is counted, tiles and charts, then the
// tables behind them (balanco_tables.cpp). Drawn twice, as the official report
// is: a first pass on a scratch writer counts the pages so the footer can say
// "Página x de y", then the same drawing goes into memory and is written in one
// checked, atomic step (a full disk leaves no file).
#include "core/panel/balanco_pdf.h"

#include "core/outputs/output_format.h"
#include "core/panel/balanco_pdf_p.h"
#include "core/panel/panel_style.h"
#include "core/program/program_definition.h"
#include "core/reference/reference_data.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QGuiApplication>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <utility>

namespace mobiliza::core {

using namespace balanco_detail;
using outputs::integerBr;

namespace balanco_detail {

QString periodRange(const Period &from, const Period &to)
{
    return from == to ? from.display() : QStringLiteral("%1 a %2").arg(from.display(), to.display());
}

Period previousFrom(const PanelFilter &filter)
{
    Period p = filter.from;
    for (int i = 0; i < filter.months(); ++i)
        p = p.previous();
    return p;
}

} // namespace balanco_detail

namespace {

// "abril a setembro de 2026", "novembro de 2025 a abril de 2026", "setembro de 2026".
QString periodWords(const Period &from, const Period &to)
{
    const auto month = [](const Period &p) { return outputs::monthName(p.month); };
    if (from == to)
        return QStringLiteral("%1 de %2").arg(month(from)).arg(from.year);
    if (from.year == to.year)
        return QStringLiteral("%1 a %2 de %3").arg(month(from), month(to)).arg(to.year);
    return QStringLiteral("%1 de %2 a %3 de %4").arg(month(from)).arg(from.year).arg(month(to)).arg(to.year);
}

// "▲ 12 (8 %) em relação ao período anterior", as the Painel's tiles say it.
QString arrow(qint64 delta)
{
    return delta > 0 ? QStringLiteral("▲ ") : delta < 0 ? QStringLiteral("▼ ") : QStringLiteral("= ");
}

QString countChange(qint64 value, qint64 previous)
{
    const qint64 delta = value - previous;
    QString text = QStringLiteral("%1 em relação ao período anterior").arg(integerBr(std::llabs(delta)));
    if (previous > 0 && delta != 0)
        text = QStringLiteral("%1 (%2 %) em relação ao período anterior")
                   .arg(integerBr(std::llabs(delta)),
                        integerBr(std::llround(std::abs(100.0 * double(delta) / double(previous)))));
    return arrow(delta) + text;
}

QString percent(double share)
{
    return integerBr(std::llround(share * 100.0)) + QStringLiteral(" %");
}

class Balanco
{
public:
    Balanco(Sheet &sheet, const PanelData &data, const QList<UrsNuclei> &nuclei,
            const ProgramDefinition &program, const ReferenceData &reference, const BalancoInfo &info)
        : m_sheet(sheet), m_data(data), m_nuclei(nuclei), m_program(program), m_reference(reference),
          m_info(info)
    {
    }

    void run()
    {
        header();
        tiles();
        charts();
        writeTables(m_sheet, m_data, m_nuclei, m_program, m_reference);
        m_sheet.finish();
    }

private:
    void header();
    void tiles();
    void charts();
    QString counted() const;
    QString narrowed() const;
    QString areaName(const QString &key) const;

    Sheet &m_sheet;
    const PanelData &m_data;
    const QList<UrsNuclei> &m_nuclei;
    const ProgramDefinition &m_program;
    const ReferenceData &m_reference;
    const BalancoInfo &m_info;
};

QString Balanco::narrowed() const
{
    const PanelFilter &f = m_data.filter;
    QStringList parts;
    if (!f.theme.isEmpty())
        parts << QStringLiteral("tema %1").arg(codeLabel(m_program, field_role::Themes, f.theme));
    if (!f.format.isEmpty())
        parts << QStringLiteral("formato %1").arg(codeLabel(m_program, field_role::Format, f.format));
    if (!f.areaKey.isEmpty()) {
        parts << areaName(f.areaKey);
    } else if (!f.municipalities.isEmpty()) {
        QStringList names;
        for (const QString &ibge : f.municipalities.mid(0, 3)) {
            const auto m = m_reference.municipality(ibge);
            names << (m ? m->name : ibge);
        }
        QString list = names.join(QStringLiteral(", "));
        if (f.municipalities.size() > 3)
            list += QStringLiteral(" e mais %1 municípios").arg(integerBr(f.municipalities.size() - 3));
        parts << list;
    }
    return parts.join(QStringLiteral(", "));
}

// "macro:3101", "urs:Barbacena", "regiao:31001" (PanelFilter::areaKey) in words.
QString Balanco::areaName(const QString &key) const
{
    const QString value = key.section(QLatin1Char(':'), 1);
    if (key.startsWith(QLatin1String("macro:")))
        if (const auto macro = m_reference.macrorregiao(value))
            return QStringLiteral("Macrorregião %1").arg(macro->name);
    if (key.startsWith(QLatin1String("regiao:")))
        if (const auto regiao = m_reference.regiao(value))
            return QStringLiteral("Região de Saúde %1").arg(regiao->name);
    if (key.startsWith(QLatin1String("urs:")))
        return QStringLiteral("URS %1").arg(value);
    return value;
}

// The sentence the Painel's page shows above its tiles, and what the núcleos are.
QString Balanco::counted() const
{
    const PanelFilter &f = m_data.filter;
    const QString states =
        f.includeReceived
            ? QStringLiteral(
                  "Ações dos relatórios recebidos, em análise, aceitos, encaminhados ao nível central "
                  "ou consolidados")
            : QStringLiteral(
                  "Ações dos relatórios aceitos, encaminhados ao nível central ou consolidados (os "
                  "ainda não aceitos ficam de fora)");
    const QString only = narrowed();
    return QStringLiteral(
               "%1, de %2 a %3%4. Variações (▲▼) em relação a %5 a %6. A cobertura conta todo "
               "relatório enviado, qualquer que seja a análise. Núcleos ativos: municípios com ao menos "
               "uma ação contada nos 3 meses até %3; núcleos novos: os que tiveram a primeira ação "
               "contada no período.")
        .arg(states, f.from.display(), f.to.display(),
             only.isEmpty() ? QString() : QStringLiteral(" — ") + only, previousFrom(f).display(),
             f.from.previous().display());
}

void Balanco::header()
{
    const PanelFilter &f = m_data.filter;
    m_sheet.paragraph(QStringLiteral("Balanço mensal das ações de mobilização social"), makeFont(15, true),
                      kAccent, Qt::AlignHCenter);
    if (!m_program.isNull())
        m_sheet.paragraph(m_program.name(), makeFont(9.5), kMuted, Qt::AlignHCenter);
    m_sheet.advance(pt(3));
    m_sheet.paragraph(QStringLiteral("%1 — %2").arg(m_info.scope, periodWords(f.from, f.to)),
                      makeFont(12, true), kInk, Qt::AlignHCenter);
    if (m_info.demo)
        m_sheet.paragraph(QStringLiteral("DEMONSTRAÇÃO — dados fictícios, sem valor oficial"),
                          makeFont(10, true), QColor(0xb0, 0x20, 0x20), Qt::AlignHCenter);
    m_sheet.advance(pt(8));

    const QString only = narrowed();
    QList<std::pair<QString, QString>> cells = {
        {QStringLiteral("Abrangência"),
         QStringLiteral("%1 (%2 municípios)").arg(m_info.scope, integerBr(m_data.tiles.expected))},
        {QStringLiteral("Período"), periodRange(f.from, f.to)},
        {QStringLiteral("Recorte"), only.isEmpty() ? QStringLiteral("todos os temas e formatos") : only},
        {QStringLiteral("Comparação"), periodRange(previousFrom(f), f.from.previous())},
        {QStringLiteral("Gerado em"),
         outputs::dateTimeBr(m_info.generatedAt.toTimeZone(QTimeZone(-3 * 3600)))},
        {QStringLiteral("Gerado por"),
         m_info.generatedBy.trimmed().isEmpty() ? QStringLiteral("—") : m_info.generatedBy.trimmed()},
    };
    const qreal pad = pt(6);
    const qreal gap = pt(12);
    const qreal column = (m_sheet.width() - 2 * pad - gap) / 2;
    const QFont font = makeFont(9);
    QList<qreal> rowHeights;
    qreal box = 2 * pad;
    for (int i = 0; i < cells.size(); i += 2) {
        qreal h = 0;
        for (int k = i; k < std::min<int>(i + 2, int(cells.size())); ++k)
            h = std::max(h, m_sheet.textHeight(cells.at(k).first + QStringLiteral(": ") + cells.at(k).second,
                                               font, column, int(cells.at(k).first.size()) + 1));
        rowHeights << h + pt(2);
        box += h + pt(2);
    }
    m_sheet.ensureSpace(box);
    QPainter &p = m_sheet.painter();
    p.setPen(QPen(kRule, pt(0.6)));
    p.setBrush(kBand);
    p.drawRoundedRect(QRectF(0, m_sheet.y(), m_sheet.width(), box), pt(3), pt(3));
    p.setBrush(Qt::NoBrush);
    qreal y = m_sheet.y() + pad;
    for (int i = 0; i < cells.size(); ++i) {
        const QString label = cells.at(i).first + QStringLiteral(":");
        m_sheet.drawText(label + QLatin1Char(' ') + cells.at(i).second, font, pad + (i % 2) * (column + gap),
                         y, column, kInk, Qt::AlignLeft, int(label.size()));
        if (i % 2 == 1)
            y += rowHeights.at(i / 2);
    }
    m_sheet.advance(box + pt(6));
    m_sheet.paragraph(counted(), makeFont(8), kMuted);
    m_sheet.advance(pt(8));
}

void Balanco::tiles()
{
    const PanelTiles &t = m_data.tiles;
    const PanelTiles &prev = m_data.previous;
    const QString rate = t.onTimeRate() < 0 ? QStringLiteral("—") : percent(t.onTimeRate());
    QString rateChange = QStringLiteral("= sem período anterior para comparar");
    if (t.onTimeRate() >= 0 && prev.onTimeRate() >= 0) {
        const qint64 points = std::llround((t.onTimeRate() - prev.onTimeRate()) * 100.0);
        rateChange =
            arrow(points) +
            QStringLiteral("%1 p.p. em relação ao período anterior").arg(integerBr(std::llabs(points)));
    }
    struct Tile
    {
        QString value, caption, change, target;
    };
    // The actions against the target of the range, as the Painel's tile says it.
    QString actionTarget;
    if (const double target = m_data.filter.actionTarget; target >= 0) {
        const qint64 rounded = std::llround(target);
        actionTarget = rounded > 0
                           ? QStringLiteral("Meta do período: %1 — %2 atingido")
                                 .arg(integerBr(rounded), percent(double(t.actions) / double(rounded)))
                           : QStringLiteral("Meta do período: %1").arg(integerBr(rounded));
    }
    const QList<Tile> tiles = {
        {integerBr(t.actions), QStringLiteral("ações"), countChange(t.actions, prev.actions), actionTarget},
        {integerBr(t.people), QStringLiteral("pessoas alcançadas"), countChange(t.people, prev.people)},
        {QStringLiteral("%1 de %2").arg(integerBr(t.reporting), integerBr(t.expected)),
         QStringLiteral("municípios enviaram o último mês (%1)").arg(m_data.filter.to.display()),
         arrow(t.reporting - prev.reporting) + QStringLiteral("%1 em relação a %2")
                                                   .arg(integerBr(std::abs(t.reporting - prev.reporting)),
                                                        m_data.filter.from.previous().display())},
        {rate, QStringLiteral("dos relatórios enviados no prazo"), rateChange},
        {integerBr(t.activeNuclei), QStringLiteral("núcleos ativos (uma ação nos últimos 3 meses)"),
         countChange(t.activeNuclei, prev.activeNuclei)},
    };
    const qreal gap = mm(3);
    const qreal pad = pt(5);
    const qreal width = (m_sheet.width() - gap * (tiles.size() - 1)) / tiles.size();
    const QFont valueFont = makeFont(14, true);
    const QFont captionFont = makeFont(7.5);
    const QFont changeFont = makeFont(7);
    qreal captionH = 0, changeH = 0, targetH = 0;
    for (const Tile &tile : tiles) {
        captionH = std::max(captionH, m_sheet.textHeight(tile.caption, captionFont, width - 2 * pad));
        changeH = std::max(changeH, m_sheet.textHeight(tile.change, changeFont, width - 2 * pad));
        if (!tile.target.isEmpty())
            targetH = std::max(targetH, pt(2) + m_sheet.textHeight(tile.target, changeFont, width - 2 * pad));
    }
    const qreal valueH = m_sheet.textHeight(QStringLiteral("0"), valueFont, width);
    const qreal height = 2 * pad + valueH + captionH + pt(3) + changeH + targetH;
    m_sheet.ensureSpace(height);
    QPainter &p = m_sheet.painter();
    for (int i = 0; i < tiles.size(); ++i) {
        const qreal x = i * (width + gap);
        const qreal y = m_sheet.y();
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(0xee, 0xf4, 0xf9));
        p.drawRoundedRect(QRectF(x, y, width, height), pt(4), pt(4));
        p.setBrush(Qt::NoBrush);
        m_sheet.drawText(tiles.at(i).value, valueFont, x + pad, y + pad, width - 2 * pad, kBars);
        m_sheet.drawText(tiles.at(i).caption, captionFont, x + pad, y + pad + valueH, width - 2 * pad);
        m_sheet.drawText(tiles.at(i).change, changeFont, x + pad, y + pad + valueH + captionH + pt(3),
                         width - 2 * pad, kMuted);
        if (!tiles.at(i).target.isEmpty())
            m_sheet.drawText(tiles.at(i).target, changeFont, x + pad,
                             y + pad + valueH + captionH + pt(3) + changeH + pt(2), width - 2 * pad, kTarget);
    }
    m_sheet.advance(height + pt(10));
}

void Balanco::charts()
{
    const qreal gap = mm(4);
    const qreal half = (m_sheet.width() - gap) / 2;
    const qreal tall = mm(62);
    const qreal row = mm(52);
    QPainter &p = m_sheet.painter();

    QList<Stack> stacks;
    for (int i = 0; i < m_data.stackThemes.size(); ++i) {
        const QString code = m_data.stackThemes.at(i).code;
        stacks << Stack{panelShortLabel(codeLabel(m_program, field_role::Themes, code), 40),
                        panelStackColor(i, code.isEmpty()), m_data.actionsByTheme.value(i)};
    }
    m_sheet.ensureSpace(tall);
    drawStackedMonths(p, QRectF(0, m_sheet.y(), m_sheet.width(), tall),
                      QStringLiteral("Ações por mês, por tema (o primeiro de cada ação)"), m_data.periods,
                      stacks);
    m_sheet.advance(tall + gap);

    m_sheet.ensureSpace(row);
    drawMonthBars(p, QRectF(0, m_sheet.y(), half, row), QStringLiteral("Pessoas alcançadas por mês"),
                  m_data.periods, m_data.people, kPeople);
    QVector<qint64> reporting;
    for (int v : m_data.reporting)
        reporting << v;
    drawMonthBars(
        p, QRectF(half + gap, m_sheet.y(), half, row),
        QStringLiteral("Municípios que enviaram, por mês (de %1)").arg(integerBr(m_data.tiles.expected)),
        m_data.periods, reporting, kBars, std::max(1, m_data.tiles.expected),
        m_data.target * m_data.tiles.expected, QStringLiteral("Enviaram"),
        QStringLiteral("Meta (%1)").arg(percent(m_data.target)));
    m_sheet.advance(row + gap);

    // At most 8 bars, the rest summed in the last one (as on the screen).
    const auto bars = [&](const QList<PanelCount> &counts, const QString &role, QStringList *labels) {
        QVector<qint64> values;
        for (int i = 0; i < counts.size(); ++i) {
            if (i < 7 || counts.size() == 8) {
                *labels << panelShortLabel(codeLabel(m_program, role, counts.at(i).code), 34);
                values << counts.at(i).count;
            } else {
                if (i == 7) {
                    *labels << QStringLiteral("Todos os demais");
                    values << 0;
                }
                values.last() += counts.at(i).count;
            }
        }
        return values;
    };
    QStringList formatLabels, audienceLabels;
    const QVector<qint64> formats = bars(m_data.byFormat, field_role::Format, &formatLabels);
    const QVector<qint64> audiences = bars(m_data.byAudience, field_role::Audience, &audienceLabels);
    // As tall as their bars need.
    const qreal barsHeight =
        mm(12) + mm(4.6) * qreal(std::max({formats.size(), audiences.size(), qsizetype(1)}));
    m_sheet.ensureSpace(barsHeight);
    drawHorizontalBars(p, QRectF(0, m_sheet.y(), half, barsHeight), QStringLiteral("Ações por formato"),
                       formatLabels, formats);
    drawHorizontalBars(p, QRectF(half + gap, m_sheet.y(), half, barsHeight),
                       QStringLiteral("Ações por público-alvo"), audienceLabels, audiences);
    m_sheet.advance(barsHeight + gap);
}

void setUpWriter(QPdfWriter &writer, const BalancoInfo &info, const PanelFilter &filter)
{
    writer.setResolution(outputs::pdf_detail::kDpi);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                     QMarginsF(18, 15, 18, 12), QPageLayout::Millimeter));
    writer.setTitle(
        QStringLiteral("Balanço mensal — %1 — %2").arg(info.scope, periodRange(filter.from, filter.to)));
    writer.setCreator(QStringLiteral("Mobiliza"));
}

// Draws the Balanço on `device`; the number of pages, or 0 when the painter failed.
int render(QIODevice *device, int totalPages, const PanelData &data, const QList<UrsNuclei> &nuclei,
           const ProgramDefinition &program, const ReferenceData &reference, const BalancoInfo &info)
{
    QPdfWriter writer(device);
    setUpWriter(writer, info, data.filter);
    QPainter painter;
    if (!painter.begin(&writer))
        return 0;
    Sheet sheet(&writer, &painter, totalPages,
                QStringLiteral("Balanço mensal — %1 — %2")
                    .arg(info.scope, periodRange(data.filter.from, data.filter.to)),
                info.demo);
    Balanco(sheet, data, nuclei, program, reference, info).run();
    return painter.end() ? sheet.page() : 0;
}

} // namespace

Status writeBalancoPdf(const PanelData &data, const QList<UrsNuclei> &nuclei,
                       const ProgramDefinition &program, const ReferenceData &reference,
                       const BalancoInfo &info, const QString &path)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return Error{QStringLiteral("no_gui"),
                     QCoreApplication::translate("ReportOutputs",
                                                 "The PDF needs the graphical part of the application "
                                                 "(fonts). Run it with the \"offscreen\" platform "
                                                 "(QT_QPA_PLATFORM=offscreen) on a server.")};
    QBuffer scratch;
    scratch.open(QIODevice::WriteOnly);
    const int pages = render(&scratch, 0, data, nuclei, program, reference, info);
    // In memory, then one checked write (QPdfWriter does not notice a full disk).
    QByteArray pdf;
    QBuffer file(&pdf);
    file.open(QIODevice::WriteOnly);
    if (pages == 0 || render(&file, pages, data, nuclei, program, reference, info) != pages)
        return outputs::ioError(path, QStringLiteral("QPainter"));
    file.close();
    return outputs::writeFileAtomically(path, pdf);
}

} // namespace mobiliza::core
