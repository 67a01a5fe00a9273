// What the demonstration data are made of, shared by the municipal demo
// (DemoData) and the URS's (RegionalDemo): realistic SES-MG actions in
// Portuguese, valid for the program's rules, and generated proof photos.
// Deterministic for a given random generator.
#pragma once

#include "core/program/program_definition.h"

#include <QByteArray>
#include <QDate>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QString>

namespace mobiliza::core::demo {

inline constexpr int kPhotoWidth = 960;
inline constexpr int kPhotoHeight = 720;

int sampleCount();
QString sampleTitle(int sample); // sample % sampleCount()

// The values of one action of `sample` on `date`, every required field of the
// program filled (catalogue codes picked with `rng`).
QJsonObject actionValues(const ProgramDefinition &program, int sample, const QDate &date,
                         const QString &municipality, QRandomGenerator &rng);

// A colourful "proof photo" (JPEG, kPhotoWidth × kPhotoHeight): no text, so core
// may run without a font database.
QByteArray makePhoto(QRandomGenerator &rng, int index);

} // namespace mobiliza::core::demo
