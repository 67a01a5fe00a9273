// The official monthly report as PDF (BRIEF §5), drawn with QPainter on a QPdfWriter.
//
// The layout runs twice: a measuring pass (no painter, no images) counts the pages so the
// footer can say "Página x de y", then the painting pass draws the same layout and embeds the
// photos, reduced to kPdfPhotoMaxPixels. Paragraphs break across pages line by line; a photo
// row (image + caption), a heading with the start of what follows, and the signature block
// are kept together.
#include "core/outputs/output_format.h"
#include "core/outputs/report_document.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QFontMetricsF>
#include <QGuiApplication>
#include <QImage>
#include <QImageReader>
#include <QMap>
#include <QPainter>
#include <QPainterPath>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextLayout>

#include <algorithm>
#include <cmath>

namespace mobiliza::core {

using namespace outputs;

namespace {

constexpr int kDpi = 300;
constexpr int kPdfPhotoQuality = 80;

qreal pt(qreal points)
{
    return points * kDpi / 72.0;
}

qreal mm(qreal millimetres)
{
    return millimetres * kDpi / 25.4;
}

const QColor kInk(0x1a, 0x1a, 0x1a);
const QColor kMuted(0x55, 0x5b, 0x66);
const QColor kRule(0x9a, 0xa4, 0xb1);
const QColor kBand(0xe8, 0xee, 0xf5);
const QColor kAccent(0x1f, 0x4e, 0x79);

QFont makeFont(qreal points, bool bold = false, bool italic = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setStyleHint(QFont::SansSerif);
    f.setHintingPreference(QFont::PreferNoHinting);
    f.setPointSizeF(points);
    f.setBold(bold);
    f.setItalic(italic);
    // Any letter spacing makes Qt shape without ligatures: "fi" stays two letters, so the text
    // copied or searched in the PDF is the text that was typed (Qt 6.4 has no font features API).
    f.setLetterSpacing(QFont::AbsoluteSpacing, 0.02);
    return f;
}

struct PhotoRef
{
    int number = 0; // Foto k, across the report
    int actionNumber = 0;
    Photo photo;
    QString path;
};

QString photoName(const PhotoRef &p)
{
    return p.photo.caption.trimmed().isEmpty() ? p.photo.sha256.left(12) : p.photo.caption.trimmed();
}

Error photoMissing(const PhotoRef &p)
{
    return Error{QStringLiteral("photo_missing"),
                 QCoreApplication::translate("ReportOutputs",
                                             "Photo %1 of action %2 (\"%3\") is missing from the photo "
                                             "folder (%4). Open the report, remove that photo and attach "
                                             "it again, then export again.")
                     .arg(QString::number(p.number), QString::number(p.actionNumber), photoName(p),
                          p.path.isEmpty() ? p.photo.sha256 : p.path)};
}

Error photoUnreadable(const PhotoRef &p, const QString &detail)
{
    return Error{QStringLiteral("photo_unreadable"),
                 QCoreApplication::translate("ReportOutputs",
                                             "Photo %1 of action %2 (\"%3\") could not be read (%4). Open "
                                             "the report, remove that photo and attach it again, then "
                                             "export again.")
                     .arg(QString::number(p.number), QString::number(p.actionNumber), photoName(p), detail)};
}

QImage loadPhoto(const QString &path, QString *error)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && std::max(size.width(), size.height()) > kPdfPhotoMaxPixels)
        reader.setScaledSize(size.scaled(kPdfPhotoMaxPixels, kPdfPhotoMaxPixels, Qt::KeepAspectRatio));
    QImage image = reader.read();
    if (image.isNull()) {
        *error = reader.errorString();
        return image;
    }
    if (image.hasAlphaChannel()) { // paper is white
        QImage flat(image.size(), QImage::Format_RGB32);
        flat.fill(Qt::white);
        QPainter(&flat).drawImage(0, 0, image);
        image = flat;
    }
    // QPdfWriter re-encodes every image as JPEG at a fixed quality of 94. Passing it an image
    // that has just been through JPEG at kPdfPhotoQuality, on the same 8×8 grid, keeps that
    // re-encoding close to the size of a q80 file: a 60-photo report ~5 MB instead of ~9 MB.
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    if (image.save(&buffer, "JPEG", kPdfPhotoQuality)) {
        const QImage recoded = QImage::fromData(jpeg, "JPEG");
        if (!recoded.isNull())
            image = recoded;
    }
    return image;
}

// ------------------------------------------------------------------ layout
class Layout
{
public:
    Layout(const ReportDocumentInput &in, QPdfWriter *writer, QPainter *painter, int totalPages,
           const ProgressFn &progress, const QList<PhotoRef> &photos)
        : m_in(in), m_writer(writer), m_painter(painter), m_totalPages(totalPages),
          m_progress(progress), m_photos(photos), m_width(writer->width()),
          m_bottom(writer->height() - pt(28)), m_y(0)
    {
        beginPage();
    }

    int pageCount() const { return m_page; }
    bool cancelled() const { return m_cancelled; }
    const std::optional<Error> &error() const { return m_error; }

    void run()
    {
        header();
        if (m_in.report.noActions) {
            noActions();
        } else {
            actions();
            if (stopped())
                return;
            totals();
        }
        signature();
        finishPage();
    }

private:
    bool stopped() const { return m_cancelled || m_error.has_value(); }

    // ---- pages
    void beginPage() { m_y = 0; }

    void finishPage()
    {
        if (!m_painter)
            return;
        if (m_in.demo) {
            // On top of everything (photos included), light; drawn as a shape, not as text, so it
            // does not mix with the text copied from the PDF.
            QFont font = makeFont(10, true);
            font.setPixelSize(int(pt(58)));
            QPainterPath mark;
            mark.addText(0, 0, font, QStringLiteral("DEMONSTRAÇÃO"));
            m_painter->save();
            m_painter->translate(m_width / 2, m_bottom / 2);
            m_painter->rotate(-35);
            m_painter->translate(-mark.boundingRect().center());
            m_painter->fillPath(mark, QColor(200, 40, 40, 45));
            m_painter->restore();
        }
        const qreal top = m_bottom + pt(10);
        m_painter->setPen(QPen(kRule, pt(0.5)));
        m_painter->drawLine(QPointF(0, top), QPointF(m_width, top));
        m_painter->setFont(makeFont(7.5));
        m_painter->setPen(kMuted);
        const QRectF r(0, top + pt(3), m_width, pt(14));
        QString left = QStringLiteral("Relatório mensal — %1 — competência %2 — revisão %3")
                           .arg(m_in.municipalityName, m_in.report.period.display(),
                                QString::number(m_in.report.revision));
        if (m_in.demo)
            left += QStringLiteral(" — DEMONSTRAÇÃO");
        m_painter->drawText(r, Qt::AlignLeft | Qt::AlignVCenter, left);
        m_painter->drawText(r, Qt::AlignRight | Qt::AlignVCenter,
                            QStringLiteral("Página %1 de %2").arg(m_page).arg(m_totalPages));
    }

    void newPage()
    {
        finishPage();
        if (m_painter)
            m_writer->newPage();
        ++m_page;
        beginPage();
    }

    void ensureSpace(qreal height)
    {
        if (m_y > 0 && m_y + height > m_bottom)
            newPage();
    }

    // ---- text
    struct Laid
    {
        std::unique_ptr<QTextLayout> layout;
        qreal height = 0;
    };

    Laid lay(const QString &text, const QFont &font, qreal width, Qt::Alignment align = Qt::AlignLeft,
             int boldPrefix = 0) const
    {
        QString t = text;
        t.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
        t.replace(QLatin1Char('\n'), QChar::LineSeparator);
        Laid laid;
        laid.layout = std::make_unique<QTextLayout>(t, font, m_writer);
        QTextOption option;
        option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
        option.setAlignment(align);
        laid.layout->setTextOption(option);
        if (boldPrefix > 0) {
            QTextLayout::FormatRange range;
            range.start = 0;
            range.length = boldPrefix;
            range.format.setFontWeight(QFont::Bold);
            laid.layout->setFormats({range});
        }
        laid.layout->beginLayout();
        for (;;) {
            QTextLine line = laid.layout->createLine();
            if (!line.isValid())
                break;
            line.setLineWidth(width);
            line.setPosition(QPointF(0, laid.height));
            laid.height += line.height();
        }
        laid.layout->endLayout();
        return laid;
    }

    // Draws a laid-out block at (x, y) without breaking it.
    void drawLaid(const Laid &laid, qreal x, qreal y, const QColor &color = kInk)
    {
        if (!m_painter)
            return;
        m_painter->setPen(color);
        laid.layout->draw(m_painter, QPointF(x, y));
    }

    // A paragraph that may break across pages, line by line.
    void paragraph(const QString &text, const QFont &font, qreal indent = 0, int boldPrefix = 0,
                   const QColor &color = kInk, Qt::Alignment align = Qt::AlignLeft)
    {
        const Laid laid = lay(text, font, m_width - indent, align, boldPrefix);
        for (int i = 0; i < laid.layout->lineCount(); ++i) {
            const QTextLine line = laid.layout->lineAt(i);
            ensureSpace(line.height());
            if (m_painter) {
                m_painter->setPen(color);
                line.draw(m_painter, QPointF(indent, m_y - line.y()));
            }
            m_y += line.height();
        }
    }

    void labelled(const QString &label, const QString &value)
    {
        if (value.trimmed().isEmpty())
            return;
        const QString prefix = label + QStringLiteral(": ");
        paragraph(prefix + value.trimmed(), makeFont(9.5), 0, int(prefix.size()));
        m_y += pt(2);
    }

    void longText(const QString &label, const QString &value)
    {
        if (value.trimmed().isEmpty())
            return;
        ensureSpace(pt(30));
        paragraph(label, makeFont(9.5, true));
        m_y += pt(1);
        paragraph(value.trimmed(), makeFont(9.5), pt(8));
        m_y += pt(3);
    }

    void heading(const QString &text, qreal points, qreal keepWith)
    {
        const Laid laid = lay(text, makeFont(points, true), m_width);
        ensureSpace(laid.height + keepWith);
        drawLaid(laid, 0, m_y, kAccent);
        m_y += laid.height;
        if (m_painter) {
            m_painter->setPen(QPen(kAccent, pt(0.8)));
            m_painter->drawLine(QPointF(0, m_y + pt(2)), QPointF(m_width, m_y + pt(2)));
        }
        m_y += pt(8);
    }

    // ---- header block
    void header()
    {
        const QString municipality = m_in.municipalityName.isEmpty() ? m_in.report.municipality
                                                                     : m_in.municipalityName;
        paragraph(QStringLiteral("Secretaria Municipal de Saúde de %1").arg(municipality), makeFont(13, true),
                  0, 0, kInk, Qt::AlignHCenter);
        m_y += pt(4);
        paragraph(QStringLiteral("RELATÓRIO MENSAL"), makeFont(15, true), 0, 0, kAccent, Qt::AlignHCenter);
        if (!m_in.program.isNull())
            paragraph(m_in.program.name(), makeFont(10.5), 0, 0, kMuted, Qt::AlignHCenter);
        if (m_in.demo) {
            m_y += pt(2);
            paragraph(QStringLiteral("DEMONSTRAÇÃO — dados fictícios, sem valor oficial"),
                      makeFont(10, true), 0, 0, QColor(0xb0, 0x20, 0x20), Qt::AlignHCenter);
        }
        m_y += pt(10);

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
            {QStringLiteral("Revisão"), QStringLiteral("%1 — %2").arg(QString::number(m_in.report.revision),
                                                                     stateLabel(m_in.report.state))},
            {QStringLiteral("Gerado em"), dateTimeBr(m_in.generatedAt)},
        };
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

    // ---- body
    void noActions()
    {
        heading(QStringLiteral("Sem ações no mês"), 12, pt(40));
        paragraph(QStringLiteral("Não houve %1 nesta competência.")
                      .arg(m_in.program.isNull() ? QStringLiteral("ações") : m_in.program.recordLabelPlural().toLower()),
                  makeFont(9.5));
        m_y += pt(4);
        longText(QStringLiteral("Justificativa"), m_in.report.noActionsJustification);
        m_y += pt(8);
    }

    QString fieldValue(const FieldDefinition &field, const Action &action) const
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

    void actions()
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
                if (field.type == field_type::LongText)
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

    void actionHeading(const QString &text)
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

    // One row of one or two photos: image box, "Foto k — caption", date and author.
    void photoRow(int firstIndex, int count)
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

    void totals()
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
                const auto entry = field ? m_in.program.catalogueEntry(field->catalogue, r.themeCodes.at(i))
                                         : std::nullopt;
                t.label = entry ? entry->label : r.themeCodes.at(i);
                ++t.actions;
                t.people += r.peopleReached.value_or(0);
            }
        }
        heading(QStringLiteral("Totais do mês"), 12, pt(80));
        labelled(QStringLiteral("Ações realizadas"), QString::number(rows.size()));
        labelled(QStringLiteral("Pessoas alcançadas"),
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

    void signature()
    {
        const qreal blockHeight = pt(175);
        ensureSpace(blockHeight);
        heading(QStringLiteral("Assinatura"), 12, pt(120));
        const QString municipality = m_in.municipalityName.isEmpty() ? QStringLiteral("______________________")
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

    const ReportDocumentInput &m_in;
    QPdfWriter *m_writer;
    QPainter *m_painter;
    int m_totalPages;
    const ProgressFn &m_progress;
    const QList<PhotoRef> &m_photos;
    qreal m_width;
    qreal m_bottom;
    qreal m_y;
    int m_page = 1;
    int m_photosDone = 0;
    bool m_cancelled = false;
    std::optional<Error> m_error;
};

// The report with its actions and photos in order (positions may arrive unsorted).
ReportDocumentInput ordered(const ReportDocumentInput &in)
{
    ReportDocumentInput out = in;
    std::stable_sort(out.report.actions.begin(), out.report.actions.end(),
                     [](const Action &a, const Action &b) { return a.position < b.position; });
    for (Action &a : out.report.actions)
        std::stable_sort(a.photos.begin(), a.photos.end(),
                         [](const Photo &x, const Photo &y) { return x.position < y.position; });
    return out;
}

void setUpWriter(QPdfWriter &writer, const ReportDocumentInput &in)
{
    writer.setResolution(kDpi);
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait,
                                     QMarginsF(18, 15, 18, 12), QPageLayout::Millimeter));
    writer.setTitle(QStringLiteral("Relatório mensal — %1 — %2")
                        .arg(in.municipalityName, in.report.period.display()));
    writer.setCreator(QStringLiteral("Mobiliza"));
}

} // namespace

Status writeReportPdf(const ReportDocumentInput &input, const QString &path, const ProgressFn &progress)
{
    if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
        return Error{QStringLiteral("no_gui"),
                     QCoreApplication::translate("ReportOutputs",
                                                 "The PDF needs the graphical part of the application "
                                                 "(fonts). Run it with the \"offscreen\" platform "
                                                 "(QT_QPA_PLATFORM=offscreen) on a server.")};
    const ReportDocumentInput in = ordered(input);

    // Every photo must be there before anything is written.
    QList<PhotoRef> photos;
    int number = 0;
    for (const Action &action : in.report.actions) {
        for (const Photo &photo : action.photos) {
            PhotoRef ref{++number, action.position + 1, photo,
                         in.photoPath ? in.photoPath(photo.sha256) : QString()};
            const QFileInfo info(ref.path);
            if (ref.path.isEmpty() || !info.isFile() || !info.isReadable())
                return photoMissing(ref);
            photos << ref;
        }
    }
    const int total = int(photos.size()) + 1;
    if (progress && !progress(0, total))
        return cancelledError();

    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return ioError(path, file.errorString());

    int pages = 0;
    {
        // Measuring pass: the same layout without painting, to count the pages.
        QBuffer scratch;
        scratch.open(QIODevice::WriteOnly);
        QPdfWriter measure(&scratch);
        setUpWriter(measure, in);
        Layout layout(in, &measure, nullptr, 0, progress, photos);
        layout.run();
        pages = layout.pageCount();
    }

    std::optional<Error> failure;
    bool cancelled = false;
    {
        QPdfWriter writer(&file);
        setUpWriter(writer, in);
        QPainter painter;
        if (!painter.begin(&writer)) {
            file.cancelWriting();
            return ioError(path, file.errorString());
        }
        painter.setRenderHint(QPainter::SmoothPixmapTransform);
        Layout layout(in, &writer, &painter, pages, progress, photos);
        layout.run();
        cancelled = layout.cancelled();
        failure = layout.error();
        if (!cancelled && !failure && progress && !progress(total, total))
            cancelled = true;
        if (!painter.end() && !cancelled && !failure)
            failure = ioError(path, file.errorString());
    }
    if (cancelled || failure) {
        file.cancelWriting();
        return cancelled ? cancelledError() : *failure;
    }
    if (file.error() != QFileDevice::NoError) {
        const QString detail = file.errorString();
        file.cancelWriting();
        return ioError(path, detail);
    }
    if (!file.commit())
        return ioError(path, file.errorString());
    return {};
}

} // namespace mobiliza::core
