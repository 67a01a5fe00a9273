#include "app/ui/partners/live_format.h"

#include <QLineEdit>
#include <QPointer>

namespace mobiliza::ui {

namespace {

const char *const kConnectionProperty = "mobiliza_live_format";

bool significant(QChar c)
{
    return c.isLetterOrNumber();
}

QString keep(const QString &raw, bool lettersToo, int max)
{
    QString out;
    for (QChar c : raw) {
        if (out.size() >= max)
            break;
        if (c.isDigit() || (lettersToo && c.isLetter() && c.unicode() < 128))
            out += c.toUpper();
    }
    return out;
}

// Position in `text` just after its n-th significant character.
int positionAfter(const QString &text, int n)
{
    if (n <= 0)
        return 0;
    int seen = 0;
    for (int i = 0; i < text.size(); ++i) {
        if (significant(text.at(i)) && ++seen == n)
            return i + 1;
    }
    return int(text.size());
}

// The formatter object lives as a child of the line edit; replaced on a new format.
class Formatter : public QObject
{
public:
    Formatter(QLineEdit *edit, LiveFormat format) : QObject(edit), m_edit(edit), m_format(std::move(format))
    {
        QObject::connect(edit, &QLineEdit::textEdited, this, [this](const QString &) { apply(); });
    }

    void apply()
    {
        const QString raw = m_edit->text();
        const QString formatted = m_format(raw);
        if (formatted == raw)
            return;
        int before = 0;
        const int cursor = m_edit->cursorPosition();
        for (int i = 0; i < cursor && i < raw.size(); ++i)
            if (significant(raw.at(i)))
                ++before;
        m_edit->setText(formatted);
        m_edit->setCursorPosition(positionAfter(formatted, before));
    }

private:
    QPointer<QLineEdit> m_edit;
    LiveFormat m_format;
};

} // namespace

QString applyPattern(const QString &sig, const QString &pattern)
{
    QString out;
    int i = 0;
    for (QChar c : pattern) {
        if (i >= sig.size())
            break;
        if (c == QLatin1Char('#'))
            out += sig.at(i++);
        else
            out += c;
    }
    return out;
}

LiveFormat cpfFormat()
{
    return [](const QString &raw) { return applyPattern(keep(raw, false, 11), QStringLiteral("###.###.###-##")); };
}

LiveFormat cnpjFormat()
{
    return [](const QString &raw) {
        return applyPattern(keep(raw, true, 14), QStringLiteral("##.###.###/####-##"));
    };
}

LiveFormat cepFormat()
{
    return [](const QString &raw) { return applyPattern(keep(raw, false, 8), QStringLiteral("#####-###")); };
}

LiveFormat dateFormat()
{
    return [](const QString &raw) { return applyPattern(keep(raw, false, 8), QStringLiteral("##/##/####")); };
}

LiveFormat phoneFormat()
{
    return [](const QString &raw) {
        const QString digits = keep(raw, false, 64);
        if (raw.contains(QLatin1Char('+')) || digits.size() > 11)
            return raw;
        return applyPattern(digits, digits.size() <= 10 ? QStringLiteral("(##) ####-####")
                                                        : QStringLiteral("(##) #####-####"));
    };
}

void setLiveFormat(QLineEdit *edit, LiveFormat format)
{
    if (auto *old = edit->property(kConnectionProperty).value<QObject *>())
        delete old;
    edit->setProperty(kConnectionProperty, QVariant());
    if (!format)
        return;
    auto *formatter = new Formatter(edit, std::move(format));
    edit->setProperty(kConnectionProperty, QVariant::fromValue<QObject *>(formatter));
    formatter->apply();
}

} // namespace mobiliza::ui
