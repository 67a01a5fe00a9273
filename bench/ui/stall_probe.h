// The UI thread's lateness, measured from inside (bench_ui_stalls.cpp): a 16 ms
// probe timer and an application that times every outermost event, so a stall
// can be both measured and named.
#pragma once

#include <QApplication>
#include <QElapsedTimer>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QTimer>

#include <algorithm>

namespace mobiliza::bench {

constexpr int kTickMs = 16;

// Which events took long on the GUI thread: every outermost notify() is timed,
// and the ones over 12 ms are kept with their receiver and type, so a stall the
// probe sees can be named (a page's reload, a layout request, a paint).
class TimedApplication final : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth > 0 || !m_recording)
            return nest(receiver, event);
        QElapsedTimer t;
        t.start();
        const QEvent::Type type = event->type(); // the event may be gone afterwards
        const QString who = describe(receiver);
        const bool r = nest(receiver, event);
        const double ms = double(t.nsecsElapsed()) / 1e6;
        if (ms > 12.0)
            m_slow << qMakePair(ms, QStringLiteral("%1 (event %2)").arg(who).arg(int(type)));
        return r;
    }
    void record(bool on)
    {
        m_recording = on;
        if (on)
            m_slow.clear();
    }
    // The longest ones, longest first: "23.1 ms SyncPage "" (event 43)".
    QStringList slowest(int count) const
    {
        QList<QPair<double, QString>> sorted = m_slow;
        std::sort(sorted.begin(), sorted.end(),
                  [](const auto &a, const auto &b) { return a.first > b.first; });
        QStringList out;
        for (qsizetype i = 0; i < std::min<qsizetype>(count, sorted.size()); ++i)
            out << QStringLiteral("%1 ms %2").arg(sorted.at(i).first, 0, 'f', 1).arg(sorted.at(i).second);
        return out;
    }

private:
    bool nest(QObject *receiver, QEvent *event)
    {
        ++m_depth;
        const bool r = QApplication::notify(receiver, event);
        --m_depth;
        return r;
    }
    static QString describe(const QObject *o)
    {
        QStringList chain;
        for (int i = 0; o && i < 2; ++i, o = o->parent())
            chain << QStringLiteral("%1 \"%2\"")
                         .arg(QString::fromLatin1(o->metaObject()->className()), o->objectName());
        return chain.join(QStringLiteral(" in "));
    }
    int m_depth = 0;
    bool m_recording = false;
    QList<QPair<double, QString>> m_slow;
};

// The probe: a 16 ms precise timer on the GUI thread.
class StallProbe
{
public:
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(kTickMs);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_late << std::max(0.0, double(now - m_last) / 1e6 - kTickMs);
            m_at << double(now) / 1e9;
            m_last = now;
        });
    }
    void start()
    {
        m_late.clear();
        m_at.clear();
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    QList<double> stop()
    {
        m_timer.stop();
        return m_late;
    }
    // When (s since start) the ticks fired, beside stop()'s lateness.
    QList<double> firedAt() const { return m_at; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    QList<double> m_late;
    QList<double> m_at;
};

} // namespace mobiliza::bench
