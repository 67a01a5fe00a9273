#include "tests/app/editor/editor_fixture.h"

#include <catch2/catch.hpp>

#include <QBuffer>
#include <QImage>
#include <QPainter>
#include <QTest>
#include <QTimeZone>

namespace mobiliza::test {

namespace {
QImage makeImage(int seed, QSize size)
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(QColor::fromHsv((seed * 47) % 360, 160, 220));
    QPainter p(&image);
    p.setBrush(QColor::fromHsv((seed * 97 + 120) % 360, 200, 160));
    p.drawEllipse(QRect(QPoint(size.width() / 4, size.height() / 4), size / 2));
    p.fillRect(QRect(10 + seed % 50, 10, 60, 30), Qt::white);
    return image;
}
} // namespace

void typeText(QWidget *widget, const QString &text)
{
    for (const QChar c : text) {
        if (c.unicode() < 128)
            QTest::keyClick(widget, char(c.unicode()));
        else
            QTest::sendKeyEvent(QTest::Click, widget, Qt::Key_unknown, QString(c), Qt::NoModifier);
    }
}

EditorFixture::EditorFixture()
{
    reopenServices();
    REQUIRE(services->profile().setMunicipality(QStringLiteral("3106200")).ok());
    REQUIRE(services->profile().setUserName(QStringLiteral("Ana Souza")).ok());
}

void EditorFixture::reopenServices()
{
    services.reset();
    auto opened = core::Services::open(dir.path(), clock);
    REQUIRE(opened.ok());
    services = std::move(opened.value());
    context = ui::AppContext{dir.path(), core::ReferenceData::embedded(), core::ProgramDefinition::sesMgMobilizacao(),
                             services.get(), &clock};
}

QString EditorFixture::createNovember()
{
    auto created = services->reports().createReport(context.program.id(), {2026, 11});
    REQUIRE(created.ok());
    return created.value().uuid;
}

QString EditorFixture::makeJpeg(const QString &name, int seed, QSize size)
{
    const QString path = images.filePath(name);
    REQUIRE(makeImage(seed, size).save(path, "JPEG", 85));
    return path;
}

QString EditorFixture::storeBlob(int seed)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    REQUIRE(makeImage(seed, {320, 240}).save(&buffer, "JPEG", 80));
    auto sha = services->blobs().put(bytes);
    REQUIRE(sha.ok());
    return sha.value();
}

} // namespace mobiliza::test
